{{/* Chart name, or nameOverride. */}}
{{- define "taskoverflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every object name: fullnameOverride, else the release name when it already contains the chart
name, else <release>-<chart>. Truncated so that suffixes like "-postgresql" stay within 63 characters.
*/}}
{{- define "taskoverflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 45 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 45 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 45 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "taskoverflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels. Call with (dict "ctx" $ "component" "operator").
*/}}
{{- define "taskoverflow.labels" -}}
helm.sh/chart: {{ include "taskoverflow.chart" .ctx }}
{{ include "taskoverflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: taskoverflow
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end }}

{{/* Labels that select one component's pods; never change them on upgrade. */}}
{{- define "taskoverflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "taskoverflow.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Image reference. Call with (dict "ctx" $ "image" .Values.operator.image).
A tag may arrive as a number: `--set image.tag=2` passes an integer, and a values file's `tag: 2` (or a
release's stored values) a float, which would print as 2e+00-style text when large; both print as digits.
*/}}
{{- define "taskoverflow.image" -}}
{{- $registry := .image.registry | default .ctx.Values.image.registry }}
{{- $tag := .image.tag | default .ctx.Values.image.tag | default .ctx.Chart.AppVersion }}
{{- if kindIs "float64" $tag }}{{ $tag = int64 $tag }}{{ end }}
{{- if $registry }}{{ printf "%s/" (trimSuffix "/" $registry) }}{{ end }}{{ .image.name }}:{{ toString $tag }}
{{- end }}

{{- define "taskoverflow.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{- define "taskoverflow.operator.fullname" -}}
{{ include "taskoverflow.fullname" . }}-operator
{{- end }}

{{- define "taskoverflow.apiServer.fullname" -}}
{{ include "taskoverflow.fullname" . }}-api-server
{{- end }}

{{- define "taskoverflow.postgresql.fullname" -}}
{{ include "taskoverflow.fullname" . }}-postgresql
{{- end }}

{{- define "taskoverflow.migration.fullname" -}}
{{ include "taskoverflow.fullname" . }}-db-migrate
{{- end }}

{{/* The Secret with jdbc-url, username and password: the user's own, or the one the chart generates. */}}
{{- define "taskoverflow.databaseSecretName" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecret }}
{{- else }}
{{- include "taskoverflow.fullname" . }}-db
{{- end }}
{{- end }}

{{/* DB_URL, DB_USER and DB_PASSWORD from the database Secret, as every TaskOverflow process reads them. */}}
{{- define "taskoverflow.databaseEnv" -}}
- name: DB_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "taskoverflow.databaseSecretName" . }}
      key: jdbc-url
- name: DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "taskoverflow.databaseSecretName" . }}
      key: username
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "taskoverflow.databaseSecretName" . }}
      key: password
{{- end }}

{{/*
Pod Security Standards "restricted". The pod runs as the image's non-root user (jib images: 65532;
postgres: 999). Call with the uid.
*/}}
{{- define "taskoverflow.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "taskoverflow.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The writable scratch directory every container gets, as the root filesystem is read-only. */}}
{{- define "taskoverflow.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end }}

{{- define "taskoverflow.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/*
The database CA bundle (database.caBundle): a read-only volume of the ConfigMap's or Secret's keys, so
that the JDBC URL's sslrootcert= names a file in database.caBundle.mountPath. The api-server, the
operator and the migration Job mount it here; the operator mounts it into generator pods
(GENERATOR_DB_CA_*).
*/}}
{{- define "taskoverflow.caBundleVolume" -}}
{{- with .Values.database.caBundle }}
{{- if .configMap }}
- name: db-ca
  configMap:
    name: {{ .configMap }}
{{- else if .secret }}
- name: db-ca
  secret:
    secretName: {{ .secret }}
{{- end }}
{{- end }}
{{- end }}

{{- define "taskoverflow.caBundleVolumeMount" -}}
{{- with .Values.database.caBundle }}
{{- if or .configMap .secret }}
- name: db-ca
  mountPath: {{ .mountPath }}
  readOnly: true
{{- end }}
{{- end }}
{{- end }}

{{/*
topologySpreadConstraints of a component's pods; an entry without a labelSelector gets the component's
own selector labels. Call with (dict "ctx" $ "component" "api-server" "constraints" $api.topologySpreadConstraints).
*/}}
{{- define "taskoverflow.topologySpreadConstraints" -}}
{{- $selector := include "taskoverflow.selectorLabels" (dict "ctx" .ctx "component" .component) | fromYaml }}
{{- $constraints := list }}
{{- range .constraints }}
{{- $c := deepCopy . }}
{{- if not (hasKey $c "labelSelector") }}
{{- $_ := set $c "labelSelector" (dict "matchLabels" $selector) }}
{{- end }}
{{- $constraints = append $constraints $c }}
{{- end }}
{{- with $constraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
A component's PodDisruptionBudget. Call with (dict "ctx" $ "component" "operator" "key" "operator"
"name" <name> "pdb" .Values.operator.podDisruptionBudget).
*/}}
{{- define "taskoverflow.podDisruptionBudget" -}}
{{- if and (not (kindIs "invalid" .pdb.minAvailable)) (not (kindIs "invalid" .pdb.maxUnavailable)) }}
{{- fail (printf "%s.podDisruptionBudget: set minAvailable or maxUnavailable, not both" .key) }}
{{- end }}
{{- if .pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "taskoverflow.labels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
spec:
  {{- if not (kindIs "invalid" .pdb.minAvailable) }}
  minAvailable: {{ .pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ kindIs "invalid" .pdb.maxUnavailable | ternary 1 .pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "taskoverflow.selectorLabels" (dict "ctx" .ctx "component" .component) | nindent 6 }}
{{- end }}
{{- end }}

{{/* Values the schema cannot check on its own; rendered from every template run. */}}
{{- define "taskoverflow.validateValues" -}}
{{- if and .Values.postgresql.enabled .Values.database.existingSecret }}
{{- fail "database.existingSecret is for an external database: set postgresql.enabled=false as well (the in-cluster PostgreSQL uses the Secret the chart generates)" }}
{{- end }}
{{- if and (not .Values.postgresql.enabled) (not .Values.database.existingSecret) }}
{{- fail "postgresql.enabled=false needs database.existingSecret: the name of a Secret with the keys jdbc-url, username and password" }}
{{- end }}
{{- if and (gt (int .Values.operator.replicas) 1) (not .Values.operator.leaderElection.enabled) }}
{{- fail "operator.replicas > 1 needs operator.leaderElection.enabled=true: two operators must not reconcile side by side" }}
{{- end }}
{{- if and .Values.apiServer.service.nodePort (ne .Values.apiServer.service.type "NodePort") (ne .Values.apiServer.service.type "LoadBalancer") }}
{{- fail "apiServer.service.nodePort needs apiServer.service.type NodePort or LoadBalancer" }}
{{- end }}
{{- if gt (int .Values.generator.job.backoffLimit) (int .Values.generator.job.maxBackoffLimit) }}
{{- fail "generator.job.backoffLimit must not exceed generator.job.maxBackoffLimit" }}
{{- end }}
{{- if gt (int .Values.generator.job.activeDeadlineSeconds) (int .Values.generator.job.maxActiveDeadlineSeconds) }}
{{- fail "generator.job.activeDeadlineSeconds must not exceed generator.job.maxActiveDeadlineSeconds" }}
{{- end }}
{{- if gt (int .Values.generator.exportTtlSeconds) (int .Values.generator.maxExportTtlSeconds) }}
{{- fail "generator.exportTtlSeconds must not exceed generator.maxExportTtlSeconds" }}
{{- end }}
{{- if and .Values.database.caBundle.configMap .Values.database.caBundle.secret }}
{{- fail "database.caBundle: set configMap or secret, not both" }}
{{- end }}
{{- end }}
