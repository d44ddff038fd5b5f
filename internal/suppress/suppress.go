// Package suppress implements //asynclint:ignore directives.
//
// A directive has the form
//
//	//asynclint:ignore RULE[,RULE...] reason
//	//asynclint:ignore RULE[,RULE...] // reason
//
// and silences the named rules' findings on its own line (a trailing
// comment) or on the line below it. The directives of a package are parsed
// once, by [Analyzer]; rules report through package report, which consults
// and marks them; [Checker] runs after the rules and reports directives that
// lack a reason, name no known rule, or silenced nothing.
//
// Suppression lives in the analysis layer, not in the command's printer, so
// that it works the same under go vet -vettool, where the command never
// sees the diagnostics.
package suppress

import (
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Prefix starts every directive.
const Prefix = "//asynclint:ignore"

// Analyzer parses the package's directives. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:             "asynclintdirectives",
	Doc:              "asynclintdirectives: parse //asynclint:ignore directives (building block)",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Directives](),
}

// Directives holds a package's ignore directives.
// Its methods are safe for concurrent use by the rules of one package.
type Directives struct {
	fset      *token.FileSet
	generated map[string]bool // file name -> generated code
	mu        sync.Mutex
	list      []*Directive
}

// Directive is one //asynclint:ignore comment.
type Directive struct {
	Pos    token.Pos
	File   string
	Line   int
	Rules  []string
	Reason string
	used   map[string]bool // rule name -> silenced at least one finding
}

func run(pass *analysis.Pass) (any, error) {
	ds := &Directives{fset: pass.Fset, generated: map[string]bool{}}
	for _, f := range pass.Files {
		if isGenerated(f) {
			ds.generated[pass.Fset.PositionFor(f.Pos(), false).Filename] = true
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if d := parse(pass.Fset, c); d != nil {
					ds.list = append(ds.list, d)
				}
			}
		}
	}
	return ds, nil
}

func parse(fset *token.FileSet, c *ast.Comment) *Directive {
	rest, ok := strings.CutPrefix(c.Text, Prefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	// A reason may also follow as a comment, in golangci-lint's nolint style:
	// //asynclint:ignore RULE // reason.
	rest, comment, _ := strings.Cut(rest, "//")
	fields := strings.Fields(rest)
	pos := fset.PositionFor(c.Pos(), false)
	d := &Directive{Pos: c.Pos(), File: pos.Filename, Line: pos.Line, used: map[string]bool{}}
	if len(fields) > 0 {
		for r := range strings.SplitSeq(fields[0], ",") {
			if r != "" {
				d.Rules = append(d.Rules, r)
			}
		}
		d.Reason = strings.Join(fields[1:], " ")
	}
	if d.Reason == "" {
		d.Reason = strings.TrimSpace(comment)
	}
	return d
}

// Silences reports whether rule's finding at pos is silenced: by a
// directive, which is then recorded as used, or because pos lies in a
// generated file (one with a "Code generated ... DO NOT EDIT." line).
func (ds *Directives) Silences(rule string, pos token.Pos) bool {
	if ds == nil || !pos.IsValid() {
		return false
	}
	p := ds.fset.PositionFor(pos, false)
	if ds.generated[p.Filename] {
		return true // the fix belongs in the generator, not in its output
	}
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for _, d := range ds.list {
		if d.File != p.Filename || (d.Line != p.Line && d.Line != p.Line-1) {
			continue
		}
		if slices.Contains(d.Rules, rule) {
			d.used[rule] = true
			return true
		}
	}
	return false
}

// All returns the directives in source order.
func (ds *Directives) All() []*Directive {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	return slices.Clone(ds.list)
}

// Used reports whether d silenced a finding of rule.
func (d *Directive) Used(rule string) bool { return d.used[rule] }

// isGenerated reports whether f is generated code whose findings belong to
// its generator. cgo's output is not: its //line directives point back at
// the user's own file.
func isGenerated(f *ast.File) bool {
	if !ast.IsGenerated(f) {
		return false
	}
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		if strings.Contains(cg.Text(), "by cmd/cgo") {
			return false
		}
	}
	return true
}
