// Package ignore holds the directive checker's fixtures. Wants sit on the
// line above each directive (want +1) so they do not become its reason;
// lostresult's own findings are checked in the lostresult fixtures.
package ignore

import "errors"

func fail() error { return errors.New("x") }

func used() {
	//asynclint:ignore lostresult the error is logged by fail itself
	go fail()
}

func trailing() {
	go fail() //asynclint:ignore lostresult trailing form
}

func nolintStyleReason() {
	//asynclint:ignore lostresult // reason after a comment marker
	go fail()
}

func stale() {
	// want +1 `asynclint:ignore for lostresult silences nothing here; remove it`
	//asynclint:ignore lostresult nothing to silence here
	println()
}

func noReason() {
	// want +1 `asynclint:ignore lacks a reason`
	//asynclint:ignore lostresult
	go fail()
}

func unknownRule() {
	// want +1 `asynclint:ignore names unknown rule "lostresultt"`
	//asynclint:ignore lostresultt typo
	go fail()
}

func noRule() {
	// want +1 `asynclint:ignore names no rule`
	//asynclint:ignore
	go fail()
}

// A rule that exists but is not enabled in this run is not judged.
func disabledRule() {
	//asynclint:ignore immortalgo not enabled in this test
	println()
}

func tooFarAbove() {
	// want +1 `silences nothing`
	//asynclint:ignore lostresult two lines above does not count

	go fail()
}

//asynclint:ignoreall is not a directive
func notADirective() {}
