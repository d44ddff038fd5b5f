// Package fatal holds a project's own helpers that never return, for the
// rules' fixtures: the rules know them through noreturn's facts.
package fatal

import (
	"fmt"
	"log"
	"os"
)

// Exitf logs and ends the process.
func Exitf(format string, args ...any) {
	log.Printf(format, args...)
	os.Exit(1)
}

// Crashf panics: it never returns, but it is a crash, not an exit.
func Crashf(format string, args ...any) {
	panic(fmt.Sprintf(format, args...))
}
