{{- define "order.name" -}}{{ .Values.name }}{{- end }}
kind: NeverPrinted
