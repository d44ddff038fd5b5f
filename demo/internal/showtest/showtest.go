// Package showtest checks a demo's Show output: exactly two lines, the
// first about the bad version, the second about the good one.
package showtest

import (
	"io"
	"strings"
	"testing"
)

// Lines runs show and returns its "bad:" and "good:" lines, failing t if
// the output has another shape.
func Lines(t testing.TB, show func(io.Writer) error) (bad, good string) {
	t.Helper()
	var b strings.Builder
	if err := show(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "bad:") || !strings.HasPrefix(lines[1], "good:") {
		t.Fatalf("Show printed %q; want a bad: line and a good: line", b.String())
	}
	return lines[0], lines[1]
}
