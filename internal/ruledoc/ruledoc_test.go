package ruledoc

import (
	"strings"
	"testing"
)

const sample = `// Package x is documented here.
//
// # Analyzer demo
//
// demo: report things that are wrong
//
// More words.
//
// # Bad
//
//	go f()
//
// # Fix
//
// Do it right.
package x
`

func TestParse(t *testing.T) {
	d, err := Parse(sample, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "report things that are wrong" {
		t.Errorf("Title = %q", d.Title)
	}
	if !strings.HasPrefix(d.Analyzer, "demo: report") || !strings.HasSuffix(d.Analyzer, "More words.") {
		t.Errorf("Analyzer = %q", d.Analyzer)
	}
	if got := d.Section("Bad"); got != "\tgo f()\n" {
		t.Errorf("Bad = %q", got)
	}
	if got := d.Section("Fix"); got != "Do it right.\n" {
		t.Errorf("Fix = %q", got)
	}
	if md := Markdown(d.Section("Bad"), 2); !strings.Contains(md, "go f()") {
		t.Errorf("Markdown = %q", md)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{
		"package x\n",
		"// # Analyzer other\n//\n// other: x\npackage x\n",
		"// # Analyzer demo\n//\n// no summary line\npackage x\n",
	} {
		if _, err := Parse(src, "demo"); err == nil {
			t.Errorf("Parse(%q) succeeded, want error", src)
		}
	}
}

func TestTitle(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"demo", "demo: report things\n\nMore words.", "report things"},
		{"demo", "demo: report things", "report things"},
		{"demo", "other: report things\nmore", "other: report things"},
		{"demo", "", ""},
	} {
		if got := Title(c.name, c.doc); got != c.want {
			t.Errorf("Title(%q, %q) = %q, want %q", c.name, c.doc, got, c.want)
		}
	}
}
