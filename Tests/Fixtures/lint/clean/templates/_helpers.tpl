{{- define "clean.name" -}}clean{{- end -}}
