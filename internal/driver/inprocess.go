package driver

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// InProcess loads patterns (with their tests) with go/packages and runs
// analyzers over them in this process with x/tools' checker, which keeps
// every package's syntax and types in memory. It returns the same tree as
// [Vet]; tests use it to check the vet route against a second engine.
func InProcess(dir string, env []string, analyzers []*analysis.Analyzer, patterns ...string) (Tree, error) {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   dir,
		Env:   env,
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, fmt.Sprintf("package %s: %v", p.PkgPath, e))
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		return nil, err
	}
	return Decode(&buf)
}
