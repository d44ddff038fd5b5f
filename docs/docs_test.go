package docs_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/analyzers"
	"github.com/asynclint/asynclint/internal/docgen"
	"github.com/asynclint/asynclint/internal/testutil"
)

// TestGeneratedDocsAreFresh fails when a rule's doc.go (or the suite's
// metadata) changed without regenerating the pages.
func TestGeneratedDocsAreFresh(t *testing.T) {
	root := testutil.Root(t)
	files, err := docgen.All(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(root, f.Path))
		if err != nil || !bytes.Equal(got, f.Content) {
			t.Errorf("%s is stale; run go generate ./docs", f.Path)
		}
	}
}

// TestEveryPassIsListed checks that every passes/* directory is in the
// suite and has a page.
func TestEveryPassIsListed(t *testing.T) {
	root := testutil.Root(t)
	entries, err := os.ReadDir(filepath.Join(root, "passes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := analyzers.Lookup(e.Name()); !ok {
			t.Errorf("passes/%s is not in analyzers.Suite", e.Name())
		}
		if _, err := os.Stat(filepath.Join(root, "docs", "rules", e.Name()+".md")); err != nil {
			t.Errorf("passes/%s has no page docs/rules/%s.md", e.Name(), e.Name())
		}
	}
}

// TestIndexLinksEveryRule checks that docs/README.md, the index, links
// every rule's page (through the generated map), the suppression guide and
// the code-scanning page, and that those links resolve.
func TestIndexLinksEveryRule(t *testing.T) {
	root := testutil.Root(t)
	index, err := os.ReadFile(filepath.Join(root, "docs", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	links := []string{"suppression.md", "code-scanning.md", "examples/code-scanning.yml"}
	for _, r := range analyzers.Suite {
		links = append(links, "rules/"+r.Name()+".md")
	}
	for _, l := range links {
		if !bytes.Contains(index, []byte("]("+l+")")) {
			t.Errorf("docs/README.md does not link %s", l)
		}
		if _, err := os.Stat(filepath.Join(root, "docs", filepath.FromSlash(l))); err != nil {
			t.Errorf("docs/README.md links %s: %v", l, err)
		}
	}
}
