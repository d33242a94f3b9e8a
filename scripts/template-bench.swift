// Benchmark for RudderTemplate: a template of 10,000 actions (fields, ifs,
// ranges, includes, printf) rendered 1,000 times; prints renders per second.
// Built and run by scripts/template-bench.sh (release mode, outside SwiftPM).
import Glibc
import RudderCore
import RudderTemplate

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let actionsTarget = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 10_000
let renders = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 1_000

// Each block has 10 actions: 4 fields, 1 if (+1 field inside), 1 range (+1 action inside), 1 include, 1 printf.
var text = #"{{ define "bench.label" }}{{ .name }}-{{ .tier }}{{ end }}"# + "\n"
var actions = 0
var block = 0
while actions < actionsTarget {
    text += """
    item\(block): {{ .Values.app.name }} {{ .Values.app.version }} {{ .Release.Name }} {{ $.Values.replicas }}
    {{- if .Values.enabled }} on={{ .Values.app.tier }}{{ end }}
    {{- range .Values.ports }} {{ . }}{{ end }}
      label: {{ include "bench.label" .Values.app }} {{ printf "%s-%d" .Values.app.name \(block) }}

    """
    actions += 10
    block += 1
}

let values: Value = .map([
    "app": .map(["name": "web", "version": "1.2.3", "tier": "frontend"]),
    "replicas": .float(3), "enabled": .bool(true), "ports": .list([.float(80), .float(443)]),
])
let data: Value = .map(["Values": values, "Release": .map(["Name": "bench", "Namespace": "default"])])
let functions = FunctionRegistry()

var set = TemplateSet()
let parseStart = now()
do {
    try set.parse(name: "bench/templates/t.yaml", text: text, functions: functions)
} catch {
    print("parse error: \(error)")
    exit(1)
}
let parseSeconds = now() - parseStart

var bytes = 0
let start = now()
for _ in 0..<renders {
    do {
        bytes += try set.execute(name: "bench/templates/t.yaml", data: data, functions: functions).utf8.count
    } catch {
        print("execution error: \(error)")
        exit(1)
    }
}
let seconds = now() - start
print("template: \(actions) actions, \(text.utf8.count) bytes; parse \(Int(parseSeconds * 1000)) ms")
print("renders: \(renders) in \(String(Int(seconds * 1000))) ms -> \(Int(Double(renders) / seconds)) renders/s, \(bytes / renders) bytes each")
