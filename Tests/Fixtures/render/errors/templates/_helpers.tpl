{{- define "errors.inner" -}}
{{ .Values.deep.missing.key }}
{{- end -}}
{{- define "errors.outer" -}}
value: {{ include "errors.inner" . }}
{{- end -}}
