{{- define "common.greeting" -}}hello from common{{- end -}}
