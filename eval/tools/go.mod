// Module tools pins the programs that asynclint's evaluation and tests run
// but asynclint itself does not import: staticcheck for the benchmark, and
// a JSON-schema validator for the SARIF test. They live here, not in the
// main go.mod, so that a module requiring asynclint (a golangci-lint
// custom build, say) does not inherit them.
module github.com/asynclint/asynclint/eval/tools

go 1.26.0

tool honnef.co/go/tools/cmd/staticcheck

require github.com/santhosh-tekuri/jsonschema/v6 v6.0.3

require (
	github.com/BurntSushi/toml v1.4.1-0.20240526193622-a339e1f7089c // indirect
	golang.org/x/exp/typeparams v0.0.0-20231108232855-2478ac86f678 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/text v0.14.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
	honnef.co/go/tools v0.8.2 // indirect
)
