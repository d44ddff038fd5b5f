// Package helpers holds a project's own helpers that never return.
package helpers

import (
	"log"
	"os"
	"testing"
)

// Fatalf logs and ends the process.
func Fatalf(format string, args ...any) { // want Fatalf:"exits"
	log.Printf(format, args...)
	os.Exit(1)
}

// Crash panics: it never returns, but it is a crash, not an exit.
func Crash(msg string) { // want Crash:"noReturn"
	panic(msg)
}

// Forever loops forever.
func Forever() { // want Forever:"noReturn"
	for {
	}
}

// FailTest stops the test through testing.TB, which ctrlflow cannot see
// into.
func FailTest(tb testing.TB, msg string) { // want FailTest:"exits"
	tb.Helper()
	tb.Fatal(msg)
}

// failVia stops the test through FailTest: found a round later.
func failVia(tb testing.TB) { // want failVia:"exits"
	FailTest(tb, "failed")
}

// Check returns when err is nil.
func Check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// FatalOrPanic exits on one path and panics on the other: it exits.
func FatalOrPanic(exit bool) { // want FatalOrPanic:"exits"
	if exit {
		os.Exit(1)
	}
	panic("no exit")
}

// ServeForever loops, and exits when something fails.
func ServeForever(step func() error) { // want ServeForever:"exits"
	for {
		if err := step(); err != nil {
			Fatalf("step: %v", err)
		}
	}
}

// ping exits through its callee pong, which calls ping again.
func ping(n int) { // want ping:"exits"
	pong(n)
}

func pong(n int) { // want pong:"exits"
	if n > 0 {
		ping(n - 1)
	}
	os.Exit(n)
}

var _ = failVia
