{{- define "lib.stamp" -}}lib-{{ .Chart.Name }}{{- end -}}
