{{- define "shared.label" -}}from-sub{{- end -}}
{{- define "sub.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}
