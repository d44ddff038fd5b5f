// Command gen writes the generated documentation: docs/rules/RULE.md for
// every rule and the rule table in README.md. Run it with go generate ./docs.
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/asynclint/asynclint/internal/docgen"
)

func main() {
	log.SetFlags(0)
	root := ".." // go generate runs in docs/
	files, err := docgen.All(root)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(root, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
