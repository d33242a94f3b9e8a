{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "lobe-chat.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name, followed by the chart name unless the release
name already contains it. Truncated to 63 characters.
*/}}
{{- define "lobe-chat.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Full name with a suffix; the full name is shortened first so that the suffix
survives and the result stays within 63 characters.
Usage: include "lobe-chat.suffixedName" (list . "secrets")
*/}}
{{- define "lobe-chat.suffixedName" -}}
{{- $context := index . 0 }}
{{- $suffix := index . 1 }}
{{- $room := sub 62 (len $suffix) | int }}
{{- printf "%s-%s" (include "lobe-chat.fullname" $context | trunc $room | trimSuffix "-") $suffix }}
{{- end }}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "lobe-chat.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "lobe-chat.labels" -}}
helm.sh/chart: {{ include "lobe-chat.chart" . }}
{{ include "lobe-chat.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "lobe-chat.name" . }}
department: {{ .Values.department | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels shared by every pod of the release.
*/}}
{{- define "lobe-chat.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lobe-chat.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector labels of the application pods only (not the test pod).
*/}}
{{- define "lobe-chat.appSelectorLabels" -}}
{{ include "lobe-chat.selectorLabels" . }}
app.kubernetes.io/component: web
{{- end }}

{{/*
Name of the ServiceAccount.
*/}}
{{- define "lobe-chat.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "lobe-chat.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the Secret loaded with envFrom: an existing one, or the one the chart creates.
*/}}
{{- define "lobe-chat.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "lobe-chat.suffixedName" (list . "secrets")) }}
{{- end }}

{{/*
Name of the PersistentVolumeClaim of the uploads volume.
*/}}
{{- define "lobe-chat.claimName" -}}
{{- .Values.persistence.existingClaim | default (include "lobe-chat.suffixedName" (list . "uploads")) }}
{{- end }}

{{/*
Application image reference.
*/}}
{{- define "lobe-chat.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/*
Largest number of application pods that can run at once.
*/}}
{{- define "lobe-chat.maxReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- .Values.autoscaling.maxReplicas | int }}
{{- else }}
{{- .Values.replicaCount | int }}
{{- end }}
{{- end }}

{{/*
Port the Service sends traffic to: the OAuth2 Proxy when single sign-on is on.
*/}}
{{- define "lobe-chat.targetPort" -}}
{{- if .Values.sso.enabled }}sso{{ else }}http{{ end }}
{{- end }}
