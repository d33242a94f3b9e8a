{{/*
Checks that the values describe a deployment that can work, and fails with a
message that names the key and says what to set. values.schema.json checks
types; these are the rules that span several keys.
*/}}
{{- define "anything-llm.validate" -}}
{{- $values := .Values }}
{{- $maxReplicas := include "anything-llm.maxReplicas" . | int }}
{{- if gt $maxReplicas 1 }}
{{- $what := ternary "autoscaling.enabled=true" (printf "replicaCount=%d" ($values.replicaCount | int)) $values.autoscaling.enabled }}
{{- if not (include "anything-llm.externalVectorDatabase" .) }}
{{- fail (printf "%s needs an external vector database: vectorDatabase.provider=lancedb keeps the vector store on the data volume, which only one pod may write. Set vectorDatabase.provider to one of weaviate, pinecone, qdrant, chroma or milvus (and persistence.accessMode=ReadWriteMany), or run one replica (autoscaling.enabled=false, replicaCount=1)." $what) }}
{{- end }}
{{- if ne $values.persistence.accessMode "ReadWriteMany" }}
{{- fail (printf "%s needs persistence.accessMode=ReadWriteMany: every pod mounts the same data volume (documents, chat history), and persistence.accessMode=%s lets only one node mount it. Set persistence.accessMode=ReadWriteMany with a storage class that supports it, or run one replica (autoscaling.enabled=false, replicaCount=1)." $what $values.persistence.accessMode) }}
{{- end }}
{{- end }}
{{- if and $values.autoscaling.enabled (gt ($values.autoscaling.minReplicas | int) ($values.autoscaling.maxReplicas | int)) }}
{{- fail (printf "autoscaling.minReplicas (%d) is greater than autoscaling.maxReplicas (%d)." ($values.autoscaling.minReplicas | int) ($values.autoscaling.maxReplicas | int)) }}
{{- end }}
{{- if eq $values.llm.provider "azure" }}
{{- $_ := required "llm.azure.endpoint is required when llm.provider is azure (the https://<resource>.openai.azure.com endpoint)." $values.llm.azure.endpoint }}
{{- end }}
{{- if has $values.llm.provider (list "ollama" "localai" "generic-openai") }}
{{- $_ := required (printf "llm.baseUrl is required when llm.provider is %s (the URL of the model server, e.g. http://ollama.ollama.svc.cluster.local:11434)." $values.llm.provider) $values.llm.baseUrl }}
{{- end }}
{{- if and (eq $values.embedding.engine "ollama") (not $values.embedding.baseUrl) }}
{{- fail "embedding.baseUrl is required when embedding.engine is ollama." }}
{{- end }}
{{- if has $values.vectorDatabase.provider (list "weaviate" "qdrant" "chroma" "milvus") }}
{{- $_ := required (printf "vectorDatabase.endpoint is required when vectorDatabase.provider is %s." $values.vectorDatabase.provider) $values.vectorDatabase.endpoint }}
{{- end }}
{{- if eq $values.vectorDatabase.provider "pinecone" }}
{{- $_ := required "vectorDatabase.pineconeIndex is required when vectorDatabase.provider is pinecone." $values.vectorDatabase.pineconeIndex }}
{{- end }}
{{- if and $values.secrets.create $values.secrets.existingSecret }}
{{- fail "secrets.create and secrets.existingSecret are both set: choose one (an existing Secret is the safer choice)." }}
{{- end }}
{{- if $values.secrets.create }}
{{- range $key, $optional := include "anything-llm.secretKeys" . | fromJson }}
{{- if not $optional }}
{{- $_ := required (printf "secrets.values.%s is required when secrets.create is true (or name an existing Secret in secrets.existingSecret)." $key) (get $values.secrets.values $key) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $name, $value := $values.extraEnv }}
{{- if regexMatch "(?i)(key|secret|token|password)" $name }}
{{- fail (printf "extraEnv.%s looks like a secret: put it in the Secret (secrets.existingSecret) instead of plain values." $name) }}
{{- end }}
{{- end }}
{{- if $values.ingress.enabled }}
{{- if not $values.ingress.hosts }}
{{- fail "ingress.hosts is required when ingress.enabled is true: add at least one entry such as {host: llm.example.com, paths: [{path: /, pathType: Prefix}]}." }}
{{- end }}
{{- range $index, $host := $values.ingress.hosts }}
{{- $_ := required (printf "ingress.hosts[%d].host is required when ingress.enabled is true." $index) $host.host }}
{{- end }}
{{- end }}
{{- if and $values.serviceMonitor.enabled (not $values.sso.enabled) }}
{{- fail "serviceMonitor.enabled needs sso.enabled: AnythingLLM has no Prometheus endpoint of its own, so the ServiceMonitor scrapes the OAuth2 Proxy's metrics. Enable sso or set serviceMonitor.enabled=false." }}
{{- end }}
{{- if $values.sso.enabled }}
{{- $_ := required "sso.existingSecret is required when sso.enabled is true (a Secret with client-secret and cookie-secret keys)." $values.sso.existingSecret }}
{{- $_ := required "sso.clientId is required when sso.enabled is true." $values.sso.clientId }}
{{- if not $values.sso.emailDomains }}
{{- fail "sso.emailDomains is required when sso.enabled is true: list the company e-mail domains allowed to sign in." }}
{{- end }}
{{- if eq $values.sso.provider "oidc" }}
{{- $_ := required "sso.issuerUrl is required when sso.enabled is true and sso.provider is oidc." $values.sso.issuerUrl }}
{{- end }}
{{- end }}
{{- end }}
