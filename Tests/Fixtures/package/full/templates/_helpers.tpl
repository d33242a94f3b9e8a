{{- define "full.name" -}}{{ .Chart.Name }}{{- end -}}
