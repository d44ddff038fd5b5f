// Package docgen renders the rule pages under docs/rules, the rule table
// of the README and the async → Go map of docs/README.md from each rule's
// doc.go and the suite's metadata, so the analyzer's own documentation is
// the single source.
package docgen

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/ruledoc"
)

// File is one generated file: its path relative to the repository root
// and its content.
type File struct {
	Path    string
	Content []byte
}

// All renders every generated file from the sources under root.
func All(root string) ([]File, error) {
	var files []File
	var table bytes.Buffer
	table.WriteString("| rule | family | default | what it reports |\n|---|---|---|---|\n")
	for _, r := range analyzers.Suite {
		src, err := os.ReadFile(filepath.Join(root, "passes", r.Name(), "doc.go"))
		if err != nil {
			return nil, err
		}
		d, err := ruledoc.Parse(string(src), r.Name())
		if err != nil {
			return nil, err
		}
		files = append(files, File{filepath.Join("docs", "rules", r.Name()+".md"), Page(r, d)})
		fmt.Fprintf(&table, "| [%s](docs/rules/%s.md) | %s | %s | %s |\n", r.Name(), r.Name(), r.Family, onOff(r.DefaultOn), d.Title)
	}
	for _, f := range []struct {
		path, start, end string
		content          func() ([]byte, error)
	}{
		{"README.md", "<!-- rules -->\n", "<!-- /rules -->", func() ([]byte, error) { return table.Bytes(), nil }},
		{filepath.Join("docs", "README.md"), "<!-- map -->\n", "<!-- /map -->", asyncMap},
		// inside a Starlark block, so the markers are Starlark comments
		{filepath.Join("docs", "bazel.md"), "# the rules (go generate ./docs keeps this list)\n", "        # /the rules", nogoDeps},
	} {
		text, err := os.ReadFile(filepath.Join(root, f.path))
		if err != nil {
			return nil, err
		}
		content, err := f.content()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.path, err)
		}
		updated, err := replaceBetween(text, f.start, f.end, content)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.path, err)
		}
		files = append(files, File{f.path, updated})
	}
	return files, nil
}

// nogoDeps lists each rule's package as a dependency of a nogo target.
func nogoDeps() ([]byte, error) {
	var b bytes.Buffer
	for _, r := range analyzers.Suite {
		fmt.Fprintf(&b, "        \"@com_github_asynclint_asynclint//passes/%s\",\n", r.Name())
	}
	return b.Bytes(), nil
}

// familyIntro says, for each family, which async pitfall it comes from
// and what that becomes in Go. A family gets its section in docs/README.md
// once it has a rule; one without an intro here is an error.
var familyIntro = map[analyzers.Family]string{
	analyzers.LostGoroutines: `An asyncio task that nobody awaits can fail or hang unseen; the
runtime can only log "Task exception was never retrieved" when it is
collected. A goroutine is worse off: the go statement returns nothing to
hold on to. Its result, its error and its end are lost unless the code
keeps a way back to it (a result channel, a WaitGroup or errgroup, a done
channel) and uses that way on every path.`,
	analyzers.SwallowedCancel: `asyncio delivers cancellation as CancelledError, and code that
catches it must raise it again. Go delivers it as ctx.Done() and
ctx.Err(): code that observes it and then reports success, or that calls
on with a context cut off from the caller's, makes cancelled work look
finished, or impossible to stop.`,
	analyzers.NeverYields: `An event loop runs one callback at a time, and a callback that
never awaits stalls all the others. Go's form is a goroutine that serves
events in turn (a for-select dispatch loop, a UI Update method, an
informer's handlers): blocking or spinning there delays every other
event, the stop signal included.`,
	analyzers.UnboundedFanOut: `asyncio.Semaphore(10) bounds how many tasks run at once. In Go the
bound is a buffered channel used as a semaphore, semaphore.Weighted or
errgroup's SetLimit; a go statement per input item without one lets the
input decide how many goroutines exist.`,
}

// asyncMap renders the async → Go map: a section per family that has
// rules, its intro, and a row per rule with the async idea it mirrors.
func asyncMap() ([]byte, error) {
	var b bytes.Buffer
	var done []analyzers.Family
	for _, r := range analyzers.Suite {
		f := r.Family
		if slices.Contains(done, f) {
			continue
		}
		done = append(done, f)
		intro, ok := familyIntro[f]
		if !ok {
			return nil, fmt.Errorf("family %q has no intro in internal/docgen", f)
		}
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", sentenceCase(string(f)), intro)
		b.WriteString("| the async idea | rule | what it reports in Go | default |\n|---|---|---|---|\n")
		for _, r := range analyzers.Suite {
			if r.Family == f {
				fmt.Fprintf(&b, "| %s | [%s](rules/%s.md) | %s | %s |\n", r.Async, r.Name(), r.Name(), ruledoc.Title(r.Name(), r.Analyzer.Doc), onOff(r.DefaultOn))
			}
		}
		b.WriteString("\n")
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func sentenceCase(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Page renders one rule's page.
func Page(r analyzers.Rule, d *ruledoc.Doc) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!-- Code generated by go generate ./docs from passes/%s/doc.go. DO NOT EDIT. -->\n\n", r.Name())
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", r.Name(), sentence(d.Title))
	fmt.Fprintf(&b, "| family | on by default | async idea |\n|---|---|---|\n| %s | %s | %s |\n\n", r.Family, onOff(r.DefaultOn), r.Async)
	if _, body, ok := strings.Cut(d.Analyzer, "\n"); ok && strings.TrimSpace(body) != "" {
		b.WriteString("## What it reports\n\n")
		b.WriteString(ruledoc.Markdown(strings.TrimSpace(body)+"\n", 3))
		b.WriteString("\n")
	}
	var flags []string
	r.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		flags = append(flags, fmt.Sprintf("- `-%s.%s` (default %s): %s", r.Name(), f.Name, f.DefValue, f.Usage))
	})
	if len(flags) > 0 {
		fmt.Fprintf(&b, "## Flags\n\n%s\n\n", strings.Join(flags, "\n"))
	}
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "## %s\n\n", s.Heading)
		b.WriteString(ruledoc.Markdown(s.Text, 3))
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "## Silencing\n\n`//asynclint:ignore %s reason` on the reported line or the line above; run `asynclint demo %s` to see the pitfall happen.\n", r.Name(), r.Name())
	return append(bytes.TrimRight(b.Bytes(), "\n"), '\n')
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

func sentence(s string) string {
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// replaceBetween replaces what lies between the start and end markers.
func replaceBetween(text []byte, start, end string, with []byte) ([]byte, error) {
	i := bytes.Index(text, []byte(start))
	j := bytes.Index(text, []byte(end))
	if i < 0 || j < i {
		return nil, fmt.Errorf("markers %q and %q not found", strings.TrimSpace(start), end)
	}
	var b bytes.Buffer
	b.Write(text[:i+len(start)])
	b.Write(with)
	b.Write(text[j:])
	return b.Bytes(), nil
}
