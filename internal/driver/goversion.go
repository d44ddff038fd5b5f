package driver

import (
	"fmt"
	"go/version"
	"strings"
)

// newerGoPrefix starts the message of [NewerGo], by which a failed go vet
// run is recognized as this one mistake.
const newerGoPrefix = "the go command is "

// NewerGo returns the one line that says the go command's release goCmd
// is newer than builtWith, the release that built asynclint, and how to
// rebuild asynclint (go install path@latest) with it; or "" when goCmd
// is not newer. Releases compare by language version: go1.27.0 is newer
// than go1.26.8, go1.26.9 is not, and versions that do not parse (a
// development toolchain) are never newer.
func NewerGo(goCmd, builtWith, path string) string {
	lc, lb := version.Lang(goCmd), version.Lang(builtWith)
	if lc == "" || lb == "" || version.Compare(lc, lb) <= 0 {
		return ""
	}
	return fmt.Sprintf("%s%s, newer than %s that built asynclint; rebuild asynclint with it: GOTOOLCHAIN=%s go install %s@latest",
		newerGoPrefix, goCmd, builtWith, goCmd, path)
}

// newerGoLine returns the NewerGo message among lines, if there is one.
func newerGoLine(lines []string) (string, bool) {
	for _, l := range lines {
		if strings.HasPrefix(l, newerGoPrefix) {
			return l, true
		}
	}
	return "", false
}
