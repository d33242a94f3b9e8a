{{/*
Checks that the values describe a deployment that can work, and fails with a
message that names the key and says what to set. values.schema.json checks
types; these are the rules that span several keys.
*/}}
{{- define "lobe-chat.validate" -}}
{{- $values := .Values }}
{{- $maxReplicas := include "lobe-chat.maxReplicas" . | int }}
{{- if and $values.persistence.enabled (gt $maxReplicas 1) (ne $values.persistence.accessMode "ReadWriteMany") }}
{{- $what := ternary "autoscaling.enabled=true" (printf "replicaCount=%d" ($values.replicaCount | int)) $values.autoscaling.enabled }}
{{- fail (printf "%s with persistence.enabled=true needs persistence.accessMode=ReadWriteMany: every pod mounts the same uploads volume, and persistence.accessMode=%s lets only one node mount it. Set persistence.accessMode=ReadWriteMany, or run one replica (autoscaling.enabled=false, replicaCount=1)." $what $values.persistence.accessMode) }}
{{- end }}
{{- if and $values.autoscaling.enabled (gt ($values.autoscaling.minReplicas | int) ($values.autoscaling.maxReplicas | int)) }}
{{- fail (printf "autoscaling.minReplicas (%d) is greater than autoscaling.maxReplicas (%d)." ($values.autoscaling.minReplicas | int) ($values.autoscaling.maxReplicas | int)) }}
{{- end }}
{{- if $values.config.ollama.enabled }}
{{- $_ := required "config.ollama.proxyUrl is required when config.ollama.enabled is true (e.g. http://ollama.ollama.svc.cluster.local:11434)." $values.config.ollama.proxyUrl }}
{{- end }}
{{- if and $values.config.azure.modelList (not $values.config.azure.endpoint) }}
{{- fail "config.azure.endpoint is required when config.azure.modelList is set." }}
{{- end }}
{{- range $name, $value := $values.config.extra }}
{{- if regexMatch "(?i)(key|secret|token|password|access_code)" $name }}
{{- fail (printf "config.extra.%s looks like a secret: put it in the Secret (secrets.existingSecret, or secrets.extra) instead of the ConfigMap." $name) }}
{{- end }}
{{- end }}
{{- if $values.ingress.enabled }}
{{- if not $values.ingress.hosts }}
{{- fail "ingress.hosts is required when ingress.enabled is true: add at least one entry such as {host: chat.example.com, paths: [{path: /, pathType: Prefix}]}." }}
{{- end }}
{{- range $index, $host := $values.ingress.hosts }}
{{- $_ := required (printf "ingress.hosts[%d].host is required when ingress.enabled is true." $index) $host.host }}
{{- end }}
{{- end }}
{{- if and $values.serviceMonitor.enabled (not $values.sso.enabled) }}
{{- fail "serviceMonitor.enabled needs sso.enabled: LobeChat has no Prometheus endpoint of its own, so the ServiceMonitor scrapes the OAuth2 Proxy's metrics. Enable sso or set serviceMonitor.enabled=false." }}
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
