{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "anything-llm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: the release name, followed by the chart name unless the release
name already contains it. Truncated to 63 characters.
*/}}
{{- define "anything-llm.fullname" -}}
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
Usage: include "anything-llm.suffixedName" (list . "credentials")
*/}}
{{- define "anything-llm.suffixedName" -}}
{{- $context := index . 0 }}
{{- $suffix := index . 1 }}
{{- $room := sub 62 (len $suffix) | int }}
{{- printf "%s-%s" (include "anything-llm.fullname" $context | trunc $room | trimSuffix "-") $suffix }}
{{- end }}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "anything-llm.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "anything-llm.labels" -}}
helm.sh/chart: {{ include "anything-llm.chart" . }}
{{ include "anything-llm.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "anything-llm.name" . }}
department: {{ .Values.department | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels shared by every pod of the release.
*/}}
{{- define "anything-llm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "anything-llm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector labels of the application pods only (not the test pod).
*/}}
{{- define "anything-llm.appSelectorLabels" -}}
{{ include "anything-llm.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{/*
Name of the ServiceAccount.
*/}}
{{- define "anything-llm.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "anything-llm.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the Secret that holds keys and tokens.
*/}}
{{- define "anything-llm.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "anything-llm.suffixedName" (list . "credentials")) }}
{{- end }}

{{/*
Name of the PersistentVolumeClaim of the data volume.
*/}}
{{- define "anything-llm.claimName" -}}
{{- .Values.persistence.existingClaim | default (include "anything-llm.suffixedName" (list . "storage")) }}
{{- end }}

{{/*
Application image reference.
*/}}
{{- define "anything-llm.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/*
"true" when the vector database runs outside the pod (anything but lancedb).
*/}}
{{- define "anything-llm.externalVectorDatabase" -}}
{{- if ne .Values.vectorDatabase.provider "lancedb" }}true{{ end }}
{{- end }}

{{/*
Largest number of application pods that can run at once.
*/}}
{{- define "anything-llm.maxReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- .Values.autoscaling.maxReplicas | int }}
{{- else }}
{{- .Values.replicaCount | int }}
{{- end }}
{{- end }}

{{/*
Port the Service sends traffic to: the OAuth2 Proxy when single sign-on is on.
*/}}
{{- define "anything-llm.targetPort" -}}
{{- if .Values.sso.enabled }}sso{{ else }}http{{ end }}
{{- end }}

{{/*
Secret keys the container reads, as a map from key name to "optional" flag,
chosen from the configured providers. Printed as JSON; read with fromJson.
*/}}
{{- define "anything-llm.secretKeys" -}}
{{- $keys := dict "JWT_SECRET" false "SIG_KEY" false "SIG_SALT" false }}
{{- $llmKeys := dict "openai" "OPEN_AI_KEY" "azure" "AZURE_OPENAI_KEY" "anthropic" "ANTHROPIC_API_KEY" "localai" "LOCAL_AI_API_KEY" "generic-openai" "GENERIC_OPEN_AI_API_KEY" }}
{{- with get $llmKeys .Values.llm.provider }}
{{- $_ := set $keys . (has $.Values.llm.provider (list "localai" "generic-openai")) }}
{{- end }}
{{- $embeddingKeys := dict "openai" "OPEN_AI_KEY" "azure" "AZURE_OPENAI_KEY" }}
{{- with get $embeddingKeys .Values.embedding.engine }}
{{- $_ := set $keys . false }}
{{- end }}
{{- $vectorKeys := dict "weaviate" "WEAVIATE_API_KEY" "pinecone" "PINECONE_API_KEY" "qdrant" "QDRANT_API_KEY" "chroma" "CHROMA_API_KEY" "milvus" "MILVUS_PASSWORD" }}
{{- with get $vectorKeys .Values.vectorDatabase.provider }}
{{- $_ := set $keys . (ne $.Values.vectorDatabase.provider "pinecone") }}
{{- end }}
{{- toJson $keys }}
{{- end }}
