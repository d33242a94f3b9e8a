{{- define "lib.label" -}}lib{{- end -}}
