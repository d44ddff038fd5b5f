// Package analyzers is the asynclint suite: the one list of every rule
// with its metadata. The command, the docs generator and the demo checks
// read it; nothing else registers analyzers.
package analyzers

import (
	"fmt"
	"slices"

	"github.com/asynclint/asynclint/internal/suppress"
	"github.com/asynclint/asynclint/passes/blockingcallback"
	"github.com/asynclint/asynclint/passes/cancelledcleanup"
	"github.com/asynclint/asynclint/passes/detachedctx"
	"github.com/asynclint/asynclint/passes/immortalgo"
	"github.com/asynclint/asynclint/passes/lostresult"
	"github.com/asynclint/asynclint/passes/spinloop"
	"github.com/asynclint/asynclint/passes/strandedsend"
	"github.com/asynclint/asynclint/passes/swallowedcancel"
	"github.com/asynclint/asynclint/passes/unboundedgo"
	"github.com/asynclint/asynclint/passes/uncancellable"
	"github.com/asynclint/asynclint/passes/unclosedrange"
	"github.com/asynclint/asynclint/passes/unwaited"
	"golang.org/x/tools/go/analysis"
)

// Family groups rules by the async pitfall they come from.
type Family string

const (
	LostGoroutines  Family = "lost goroutines"
	SwallowedCancel Family = "swallowed cancellation"
	NeverYields     Family = "work that never yields"
	UnboundedFanOut Family = "unbounded fan-out"
)

// Rule is one analyzer of the suite and what the suite knows about it.
type Rule struct {
	Analyzer  *analysis.Analyzer
	Family    Family
	DefaultOn bool   // run unless disabled; otherwise only when named
	Async     string // the asyncio idea the rule mirrors
}

// Name returns the rule's name, the same as its analyzer's.
func (r Rule) Name() string { return r.Analyzer.Name }

// Suite lists every rule, in the order of shared/SPEC.md.
var Suite = []Rule{
	{lostresult.Analyzer, LostGoroutines, false, `keep a reference to the Task (create_task's result); "Task exception was never retrieved"`},
	{unwaited.Analyzer, LostGoroutines, true, `Task / Future and "keep a reference to the Task": await what you started (asyncio.gather, TaskGroup); a task that outlives its owner`},
	{strandedsend.Analyzer, LostGoroutines, true, `wait(FIRST_COMPLETED) then cancel the rest, as_completed, an async generator whose consumer stops early: the losers block forever on an unbuffered send`},
	{unclosedrange.Analyzer, LostGoroutines, true, `async generator and async for, a Queue with a termination signal: close(ch) ends range ch, and a producer that never closes leaves the consumer waiting forever`},
	{immortalgo.Analyzer, LostGoroutines, true, `"keep a reference to the Task": keep a join path to every goroutine, or no one can wait for it or stop it`},
	{swallowedcancel.Analyzer, SwallowedCancel, false, `catch CancelledError and re-raise it: a task that swallows its cancellation looks to its awaiter as if it finished normally`},
	{cancelledcleanup.Analyzer, SwallowedCancel, false, `asyncio.shield and async cleanup in except CancelledError: cleanup awaited with the cancelled task's context fails at once`},
	{detachedctx.Analyzer, SwallowedCancel, false, `cancellation propagates through every await: a context.Background() in the middle of the chain is a task started with no parent, and cancelling the caller leaves it running`},
	{uncancellable.Analyzer, SwallowedCancel, true, `cancellation propagates through every await: time.Sleep or a bare channel operation is an await that CancelledError cannot interrupt`},
	{spinloop.Analyzer, NeverYields, true, `a busy loop that never awaits (while not done: pass), the worst of debug mode's slow callbacks: it burns a core and may never see the change it waits for`},
	{blockingcallback.Analyzer, NeverYields, false, `code without await blocks the event loop: a blocking call or a long loop in a callback of a serial dispatcher (a for/select loop, Bubble Tea's Update, an informer's handler) stalls every other event, cancellation included; debug mode's "slow callback" warning`},
	{unboundedgo.Analyzer, UnboundedFanOut, false, `asyncio.Semaphore(10) around gather() over a thousand URLs, and a TaskGroup fed by a bounded Queue: cap how many tasks run at once`},
}

// Names returns the names of every rule of the suite.
func Names() []string {
	var names []string
	for _, r := range Suite {
		names = append(names, r.Name())
	}
	return names
}

// Lookup returns the rule with the given name.
func Lookup(name string) (Rule, bool) {
	i := slices.IndexFunc(Suite, func(r Rule) bool { return r.Name() == name })
	if i < 0 {
		return Rule{}, false
	}
	return Suite[i], true
}

// Select returns the rules to run given the per-rule enable flags the user
// set (name to true or false; unset names are absent). As in go vet, naming
// any rule true runs exactly the rules named true; otherwise the rules on
// by default run, minus those set false. A rule off by default runs only
// when named true.
func Select(set map[string]bool) ([]*analysis.Analyzer, error) {
	anyTrue := false
	for name, on := range set {
		if _, ok := Lookup(name); !ok && name != suppress.CheckerName {
			return nil, fmt.Errorf("unknown rule %q", name)
		}
		anyTrue = anyTrue || (on && name != suppress.CheckerName)
	}
	var out []*analysis.Analyzer
	for _, r := range Suite {
		on, named := set[r.Name()]
		if anyTrue && on || !anyTrue && (named && on || !named && r.DefaultOn) {
			out = append(out, r.Analyzer)
		}
	}
	return out, nil
}

// ForRun returns the analyzers to hand to a driver for the selected rules:
// the rules themselves, then (unless withChecker is false) the directive
// checker that reports stale and malformed //asynclint:ignore comments.
func ForRun(selected []*analysis.Analyzer, withChecker bool) []*analysis.Analyzer {
	out := slices.Clone(selected)
	if withChecker {
		out = append(out, suppress.Checker(selected, Names()))
	}
	return out
}

// All returns every rule's analyzer plus the directive checker: the full
// set of analyzers and flags the command must accept.
func All() []*analysis.Analyzer {
	var rules []*analysis.Analyzer
	for _, r := range Suite {
		rules = append(rules, r.Analyzer)
	}
	return ForRun(rules, true)
}
