// Package testutil holds what the rules' tests share: the location of the
// repository's testdata and a type check of suggested-fix goldens.
package testutil

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"
)

// Root returns the repository root: the nearest directory above the
// working directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Data returns the repository-root testdata directory, the GOPATH-shaped
// tree analysistest loads fixtures from.
func Data(t testing.TB) string {
	return filepath.Join(Root(t), "testdata")
}

// TypeCheckGoldens loads each package pattern from the testdata GOPATH with
// every x.go replaced by its x.go.golden, and fails if any fails to type
// check: analysistest only compares the fixed text, so this proves that a
// suggested fix leaves code that still compiles. A golden that is a txtar
// archive (one section per fix title, for diagnostics with alternative
// fixes) is checked once per section.
func TypeCheckGoldens(t *testing.T, patterns ...string) {
	t.Helper()
	data := Data(t)
	plain := map[string][]byte{}
	type section struct {
		file, name string
		text       []byte
	}
	var sections []section
	for _, pat := range patterns {
		goldens, _ := filepath.Glob(filepath.Join(data, "src", pat, "*.go.golden"))
		if len(goldens) == 0 {
			t.Fatalf("no *.go.golden files in %s", pat)
		}
		for _, g := range goldens {
			b, err := os.ReadFile(g)
			if err != nil {
				t.Fatal(err)
			}
			file := strings.TrimSuffix(g, ".golden")
			if ar := txtar.Parse(b); len(ar.Files) > 0 {
				for _, f := range ar.Files {
					sections = append(sections, section{file, f.Name, f.Data})
				}
				continue
			}
			plain[file] = b
		}
	}
	if len(sections) == 0 {
		typeCheck(t, data, plain, "", patterns)
		return
	}
	for _, sec := range sections {
		overlay := maps.Clone(plain)
		overlay[sec.file] = sec.text
		typeCheck(t, data, overlay, fmt.Sprintf(" (section %q of %s.golden)", sec.name, filepath.Base(sec.file)), patterns)
	}
}

// typeCheck loads patterns with the overlay and reports any error.
func typeCheck(t *testing.T, data string, overlay map[string][]byte, what string, patterns []string) {
	t.Helper()
	cfg := &packages.Config{
		Mode:    packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:     data,
		Env:     append(os.Environ(), "GOPATH="+data, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
		Overlay: overlay,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("golden of %s does not compile%s: %v", p.PkgPath, what, e)
		}
	})
}
