// Package ruledoc reads a rule's documentation from the package comment in
// its doc.go, the single source for Analyzer.Doc, `asynclint help` and the
// generated pages under docs/rules.
//
// The comment has the shape
//
//	# Analyzer NAME
//
//	NAME: one-line summary
//
//	Description...
//
//	# Async counterpart
//	...
//
// and the sections after the first are rendered into the docs page.
package ruledoc

import (
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
)

// DocsBase is where the docs folder is published.
const DocsBase = "https://github.com/asynclint/asynclint/blob/main/docs/"

// URLBase is where the generated rule pages are published.
const URLBase = DocsBase + "rules/"

// URL returns the address of rule name's documentation page.
func URL(name string) string { return URLBase + name + ".md" }

// SuppressionURL is the address of the guide to //asynclint:ignore,
// the documentation of the directive checker's findings.
const SuppressionURL = DocsBase + "suppression.md"

// Summary returns the text of the "# Analyzer NAME" section of src (the
// contents of doc.go), suitable for analysis.Analyzer.Doc: its first line is
// "NAME: summary". It panics if src is malformed, so that a broken doc.go
// fails every test of the rule at once.
func Summary(src, name string) string {
	d, err := Parse(src, name)
	if err != nil {
		panic(err)
	}
	return d.Analyzer
}

// Title returns the one-line summary of an analyzer whose Doc follows the
// x/tools convention "NAME: summary" on its first line, without the
// "NAME: " prefix; a Doc of another shape gives its first line whole.
func Title(name, doc string) string {
	first, _, _ := strings.Cut(doc, "\n")
	if t, ok := strings.CutPrefix(first, name+": "); ok {
		return strings.TrimSpace(t)
	}
	return strings.TrimSpace(first)
}

// Doc is a rule's documentation split into its parts.
type Doc struct {
	Name     string
	Analyzer string    // the "# Analyzer" section as plain text ("NAME: summary\n\n...")
	Title    string    // the summary after "NAME: "
	Sections []Section // every other section, in order
}

// Section is one "# Heading" section of the package comment.
type Section struct {
	Heading string
	Text    string // the section's raw comment text, without the heading
}

// Section returns the section with the given heading, or "".
func (d *Doc) Section(heading string) string {
	for _, s := range d.Sections {
		if s.Heading == heading {
			return s.Text
		}
	}
	return ""
}

// Parse parses src, the source of a doc.go file, for rule name.
func Parse(src, name string) (*Doc, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return nil, fmt.Errorf("ruledoc: %s: %v", name, err)
	}
	if f.Doc == nil {
		return nil, fmt.Errorf("ruledoc: %s: doc.go has no package comment", name)
	}
	return split((&ast.CommentGroup{List: f.Doc.List}).Text(), name)
}

func split(text, name string) (*Doc, error) {
	d := &Doc{Name: name}
	var cur *Section
	var analyzer []string
	inAnalyzer := false
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		if h, ok := strings.CutPrefix(line, "# "); ok {
			if h == "Analyzer "+name {
				inAnalyzer = true
				cur = nil
				continue
			}
			inAnalyzer = false
			d.Sections = append(d.Sections, Section{Heading: h})
			cur = &d.Sections[len(d.Sections)-1]
			continue
		}
		switch {
		case inAnalyzer:
			analyzer = append(analyzer, line)
		case cur != nil:
			cur.Text += line + "\n"
		}
	}
	d.Analyzer = strings.TrimSpace(strings.Join(analyzer, "\n"))
	first, _, _ := strings.Cut(d.Analyzer, "\n")
	title, ok := strings.CutPrefix(first, name+": ")
	if !ok || title == "" {
		return nil, fmt.Errorf("ruledoc: %s: doc.go must start with %q then a line %q", name, "# Analyzer "+name, name+": summary")
	}
	d.Title = title
	for i := range d.Sections {
		d.Sections[i].Text = strings.Trim(d.Sections[i].Text, "\n") + "\n"
	}
	return d, nil
}

// Markdown renders comment text (as found in a Section) to Markdown, with
// headings demoted by level extra "#" characters.
func Markdown(text string, level int) string {
	var p comment.Parser
	doc := p.Parse(text)
	pr := comment.Printer{HeadingLevel: level}
	return string(pr.Markdown(doc))
}
