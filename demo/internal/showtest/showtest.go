// Package showtest checks a demo's Show output: a line about the bad
// version, then one about the good version, each optionally followed by
// indented detail lines (a table of measurements).
package showtest

import (
	"io"
	"strings"
	"testing"
)

// Lines runs show and returns its "bad:" and "good:" parts, each with its
// indented detail lines joined on, failing t if the output has another
// shape.
func Lines(t testing.TB, show func(io.Writer) error) (bad, good string) {
	t.Helper()
	var b strings.Builder
	if err := show(&b); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if len(parts) > 0 && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) {
			parts[len(parts)-1] += "\n" + line
			continue
		}
		parts = append(parts, line)
	}
	if len(parts) != 2 || !strings.HasPrefix(parts[0], "bad:") || !strings.HasPrefix(parts[1], "good:") {
		t.Fatalf("Show printed %q; want a bad: line and a good: line, each optionally followed by indented lines", b.String())
	}
	return parts[0], parts[1]
}
