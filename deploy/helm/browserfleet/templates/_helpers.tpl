{{- define "browserfleet.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "browserfleet.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "browserfleet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "browserfleet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component: call with (dict "root" $ "component" "ingest-api"). */}}
{{- define "browserfleet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "browserfleet.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "browserfleet.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "browserfleet.fullname" .)) -}}
{{- end -}}

{{- define "browserfleet.image" -}}
{{- printf "%s:%s" .repository (.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* The worker's stop budget: what a running job may still take, and the worker's own grace. */}}
{{- define "browserfleet.workerShutdownGraceSeconds" -}}
{{- add .Values.worker.termination.longestJobTimeoutSeconds .Values.worker.termination.shutdownGraceSeconds -}}
{{- end -}}

{{/* Environment every process gets: settings from the ConfigMap, secrets from the Secret. */}}
{{- define "browserfleet.commonEnvFrom" -}}
- configMapRef:
    name: {{ include "browserfleet.fullname" . }}-config
- secretRef:
    name: {{ include "browserfleet.secretName" . }}
{{- end -}}

{{/*
Probes on the actuator's health groups: liveness is the process alone (livenessState), readiness
adds the service's own indicators (BF readiness includes in the ConfigMap per component).
*/}}
{{- define "browserfleet.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.startup.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  initialDelaySeconds: {{ .Values.probes.liveness.initialDelaySeconds }}
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
{{- end -}}

{{/*
The env of one component: which service the launcher runs, its readiness group, its JVM options.
Call with (dict "root" $ "services" "dispatcher" "readiness" "readinessState,dispatcherHealth" "javaOpts" "...").
*/}}
{{- define "browserfleet.serviceEnv" -}}
- name: BF_SERVICES
  value: {{ .services | quote }}
- name: MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE
  value: {{ .readiness | quote }}
- name: BF_JAVA_OPTS
  value: {{ .javaOpts | quote }}
- name: POD_NAME
  valueFrom:
    fieldRef: {fieldPath: metadata.name}
{{- end -}}
