// Package demo runs each rule's pitfall and its fix for real. Every rule
// has a package demo/RULE with a Bad function (the pitfall the rule
// reports), a Good function (the fix, which no rule reports) and Show,
// which runs both and says what happened; its tests prove the difference
// at run time, and this package's test checks that the analyzers flag
// exactly the Bad functions.
package demo

import (
	"io"

	"github.com/asynclint/asynclint/demo/blockingcallback"
	"github.com/asynclint/asynclint/demo/cancelledcleanup"
	"github.com/asynclint/asynclint/demo/detachedctx"
	"github.com/asynclint/asynclint/demo/immortalgo"
	"github.com/asynclint/asynclint/demo/lostresult"
	"github.com/asynclint/asynclint/demo/spinloop"
	"github.com/asynclint/asynclint/demo/strandedsend"
	"github.com/asynclint/asynclint/demo/swallowedcancel"
	"github.com/asynclint/asynclint/demo/unboundedgo"
	"github.com/asynclint/asynclint/demo/uncancellable"
	"github.com/asynclint/asynclint/demo/unclosedrange"
	"github.com/asynclint/asynclint/demo/unwaited"
)

// Demo is one rule's runtime demonstration.
type Demo struct {
	Rule string
	Show func(w io.Writer) error // runs Bad and Good, prints a bad: and a good: line (each may have indented details)
}

// All lists the demos in the suite's order.
var All = []Demo{
	{"lostresult", lostresult.Show},
	{"unwaited", unwaited.Show},
	{"strandedsend", strandedsend.Show},
	{"unclosedrange", unclosedrange.Show},
	{"immortalgo", immortalgo.Show},
	{"unboundedgo", unboundedgo.Show},
	{"swallowedcancel", swallowedcancel.Show},
	{"cancelledcleanup", cancelledcleanup.Show},
	{"blockingcallback", blockingcallback.Show},
	{"spinloop", spinloop.Show},
	{"detachedctx", detachedctx.Show},
	{"uncancellable", uncancellable.Show},
}
