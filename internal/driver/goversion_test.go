package driver

import (
	"strings"
	"testing"
)

func TestNewerGo(t *testing.T) {
	for _, c := range []struct {
		goCmd, built string
		newer        bool
	}{
		{"go1.27.3", "go1.26.8", true},
		{"go1.27.0", "go1.26.8", true},
		{"go1.27rc1", "go1.26.8", true},
		{"go1.28", "go1.27.3", true},
		{"go1.26.9", "go1.26.8", false}, // a patch release keeps the formats
		{"go1.26.8", "go1.26.8", false},
		{"go1.26.8", "go1.27.3", false}, // an older go command works
		{"devel go1.28-abcdef", "go1.27.3", false},
		{"go1.27.3", "devel go1.26-abcdef", false},
		{"", "go1.26.8", false},
	} {
		msg := NewerGo(c.goCmd, c.built, "example.com/cmd/x")
		if (msg != "") != c.newer {
			t.Errorf("NewerGo(%q, %q) = %q, want newer %v", c.goCmd, c.built, msg, c.newer)
		}
	}
	want := "the go command is go1.27.3, newer than go1.26.8 that built asynclint; rebuild asynclint with it: GOTOOLCHAIN=go1.27.3 go install example.com/cmd/x@latest"
	if got := NewerGo("go1.27.3", "go1.26.8", "example.com/cmd/x"); got != want {
		t.Errorf("message:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(want, "\n") {
		t.Error("the message must be one line")
	}
}
