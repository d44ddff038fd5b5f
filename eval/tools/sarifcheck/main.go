// Command sarifcheck validates SARIF logs against the SARIF 2.1.0 JSON
// schema and prints one line per violation. It exits 0 when every file
// is valid, 1 otherwise.
//
// Usage:
//
//	sarifcheck file.sarif...
//
// The schema, sarif-schema-2.1.0.json beside this file, is OASIS's
// "errata01" schema for SARIF 2.1.0
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
// copied byte for byte from the Go module github.com/securego/gosec/v2
// v2.30.0, file report/sarif/testdata/sarif-schema-2.1.0.json
// (SHA-256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e),
// fetched through the Go module proxy.
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed sarif-schema-2.1.0.json
var schemaJSON []byte

const schemaURL = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: sarifcheck file.sarif...")
		os.Exit(2)
	}
	schema, err := compile()
	if err != nil {
		fmt.Fprintf(os.Stderr, "sarifcheck: the schema: %v\n", err)
		os.Exit(1)
	}
	status := 0
	for _, name := range os.Args[1:] {
		if err := validate(schema, name); err != nil {
			fmt.Printf("%s: %v\n", name, err)
			status = 1
		}
	}
	os.Exit(status)
}

func compile() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL)
}

func validate(schema *jsonschema.Schema, name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	return schema.Validate(v)
}
