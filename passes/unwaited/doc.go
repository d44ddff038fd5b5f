// Package unwaited defines an Analyzer that reports goroutine groups
// (sync.WaitGroup, errgroup.Group) that a function starts but never
// waits for, and errgroup Wait errors that are thrown away.
//
// # Analyzer unwaited
//
// unwaited: report local WaitGroups and errgroups never awaited, and discarded errgroup Wait errors
//
// A sync.WaitGroup or errgroup.Group made in a function (var wg
// sync.WaitGroup, new(T), &T{}, errgroup.WithContext) that gets goroutines
// there (wg.Add(n), wg.Go, g.Go, g.TryGo) must be waited for before the
// function returns. By default unwaited reports a group that the function
// never waits for at all: no Wait, deferred or not, anywhere in it. The
// finding sits at the first Add or Go call, and each return that the
// function reaches after it is attached as related information ("returns
// here without waiting").
//
// With -unwaited.paths it also reports a group that is awaited on some
// paths but not on every one: it follows the function's control flow from
// each Add or Go and reports when some path reaches a return without
// passing a Wait: an early error return inside the loop that starts the
// workers, a return in a select case, a fast path, a branch that skips the
// Wait. The finding sits at the first Add or Go call that such a path
// carries, with the returns it reaches as related information. The flag
// applies to test code as to any other.
//
// Go and TryGo always start goroutines. An Add counts when a closure that
// adds nothing marks the group done: the body of a goroutine, or a
// callback. A counter that the function adds to and marks done itself
// (in one benchmark closure, say), or never marks done, has nothing
// running to wait for and is not reported.
//
// Three shapes lose nothing when a path skips the Wait and are not
// reported, with or without the flag. A start barrier: every goroutine
// of the group marks it done as its first statement (defer statements
// aside), as in cwg.Add(1); go func() { cwg.Done(); io.Copy(dst, src)
// }(); its Wait only means "every goroutine has started" and joins
// nothing, so a path without it leaves behind nothing a Wait would have
// stopped (containerd's CopyConsole). A group whose every goroutine also marks done a
// sync.WaitGroup struct field that some function of the package waits on
// (rf.refCount.Add(1); wg.Add(1); go func() { defer rf.refCount.Done();
// defer wg.Done(); ... }(), with Close calling rf.refCount.Wait()): the
// owner joins the goroutines, and the local group only separates rounds
// of work. And a completion latch: every Done of the group sits under an
// if in a callback literal handed to another call (wg.Add(1);
// sub.Subscribe(subj, func(m) { n++; if n == want { wg.Done() } })); it
// waits for an event, not for goroutines the function started. A
// callback that marks done unconditionally is a task run by someone else
// (a pool), and is still judged.
//
// A Wait in any form counts: wg.Wait(), return g.Wait(), if err :=
// g.Wait(); ..., _ = g.Wait(). A deferred Wait (defer wg.Wait(), or a
// deferred closure that calls it) covers every return after the defer
// statement runs. Paths that end in a call that never returns (panic,
// os.Exit, runtime.Goexit, log.Fatal*, log.Panic*, a testing Fatal,
// FailNow or Skip* call, klog's, zap's or logrus's fatal functions, or a
// function of the project, in any package, that never returns) are not
// reported.
//
// A group that escapes the function is not this rule's to judge, since
// its owner may wait elsewhere: it is returned, stored in a field or a
// composite literal, passed to a function (&wg), assigned to another
// variable or reassigned, used as a method value (t.Cleanup(wg.Wait)),
// or waited on inside a closure (the closer goroutine go func() {
// wg.Wait(); close(ch) }(), a cleanup or stop function). Groups that are
// parameters or struct fields are not local and are not judged either.
//
// Separately, it reports an errgroup.Group's Wait whose error is thrown
// away: g.Wait() as a statement, or defer g.Wait(), whether the group is
// local or a field. Writing _ = g.Wait() says the drop is intended and is
// not reported. Nor is a dropped Wait when nothing is lost: the same
// function checks the error of another Wait of the group (a closer
// goroutine go func() { g.Wait(); close(c) }() next to a later if err :=
// g.Wait(); err != nil), or every function it passes to the group's Go
// or TryGo is a literal (or a local variable holding one) that returns
// only nil.
//
// # Async counterpart
//
// asyncio.gather and TaskGroup await every task they started; a
// TaskGroup's async with block cannot be left, even by an exception,
// until its tasks are done. Go has no such block: a WaitGroup or
// errgroup is awaited only where the code says Wait, and every return
// that skips it leaves the tasks running behind the caller's back. An
// errgroup's Wait is also where the group's exception is raised; dropping
// its result is catching that exception and ignoring it.
//
// # Bad
//
//	func resizeAll(imgs []string) {
//		var wg sync.WaitGroup
//		for _, img := range imgs {
//			wg.Add(1)
//			go func() { defer wg.Done(); resize(img) }()
//		}
//		// returns with the resizers still running: nobody calls wg.Wait()
//	}
//
//	// with -unwaited.paths
//	func resizeEach(imgs []string) error {
//		var wg sync.WaitGroup
//		for _, img := range imgs {
//			if !exists(img) {
//				return fmt.Errorf("%s: not found", img) // workers still running
//			}
//			wg.Add(1)
//			go func() { defer wg.Done(); resize(img) }()
//		}
//		wg.Wait()
//		return nil
//	}
//
//	func fetchAll(ctx context.Context, urls []string) {
//		g, ctx := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		g.Wait() // the first error is thrown away
//	}
//
// # Good
//
//	func resizeAll(imgs []string) {
//		var wg sync.WaitGroup
//		for _, img := range imgs {
//			wg.Add(1)
//			go func() { defer wg.Done(); resize(img) }()
//		}
//		wg.Wait()
//	}
//
//	func resizeEach(imgs []string) error {
//		var wg sync.WaitGroup
//		defer wg.Wait() // every return waits
//		for _, img := range imgs {
//			if !exists(img) {
//				return fmt.Errorf("%s: not found", img)
//			}
//			wg.Add(1)
//			go func() { defer wg.Done(); resize(img) }()
//		}
//		return nil
//	}
//
//	func fetchAll(ctx context.Context, urls []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		return g.Wait()
//	}
//
// # Why it matters
//
// The caller takes the return as "done". The abandoned goroutines keep
// running: they write into results the caller is already reading (a data
// race), use files, connections or buffers the caller closes or reuses,
// and pile up when the function is called again. In tests they log after
// the test has finished, which panics. A discarded errgroup error is a
// failure reported as success, the same loss as a dropped go f() error.
//
// # Fix
//
// Wait on every path: put defer wg.Wait() right after the group is made,
// or call Wait before each early return. When an early return must not
// block on slow workers, cancel them first (errgroup.WithContext, or a
// context the workers watch) and then wait. For errgroup, return or check
// the error of g.Wait(); write _ = g.Wait() only when the error really
// does not matter.
//
// # Limits
//
// The default reports only groups never awaited because the other shape
// did not reach the bar of 9 real findings in 10. On the standard library
// and the 50-module corpus (2026-11-30 census) the never-awaited shape
// gave 5 findings, 4 real and 1 debatable (a test that receives every
// result from a channel, so the WaitGroup is dead code); the
// awaited-on-some-paths shape, now behind -unwaited.paths, gave 11: 4
// real, 4 debatable (the skipping return could not fire in practice, or
// the abandoned goroutines only wasted work) and 3 false positives. Two
// of those are no longer reported: a start barrier (see above) and an
// Add in a literal called in place (below); the third is a limit below.
// The 11 leave out test code, which the census ran without the former
// -unwaited.testpaths: there, on an earlier census, the paths that
// skipped the Wait were the test's own failure returns, 1 real and 6
// debatable in 7. -unwaited.paths reports test code too.
//
// An Add inside a function literal that the function calls in place
// counts at the call, except in one shape: err := func() error { ... }()
// (or if err := ...; err != nil) directly followed by the test of err
// against nil, where every return of the literal that an Add reaches
// returns a literal nil error, and the error result is not named. The
// Adds then count only on the err == nil way of that test, so the if err
// != nil return leaves nothing behind (controller-runtime's
// Controller.Start, a false positive in the census, no longer reported).
// A statement between the call and the test, a named error result, or an
// Add in a goroutine inside the literal keeps the Adds at the call. A
// return that cannot fire (a length check that every caller satisfies)
// is followed like any other.
//
// The rule is intraprocedural and does not use facts: a group passed to a
// helper escapes and is trusted, whether or not the helper waits. Any
// closure that waits takes the waiting over, even one that is never
// called. A Wait under a condition counts only on the paths through it. A
// path remembers the if conditions it took when they are stable (variables
// and fields the function never assigns, negated or compared with nil or
// constants), so Adds and a Wait under the same "if checkSubscriber" agree;
// conditions that merely imply each other (n > 0 and n != 0) or that the
// function changes in between are not related, and such a Wait is
// reported. Only conditions that guard one of the group's Adds or Waits
// are remembered, at most 64, and the search keeps at most 16 sets of
// their values per block of the function on average, so that its cost
// stays proportional to the function's size. Past that bound (eight
// Add/Wait pairs under eight different flags, decided one after the
// other) it forgets the conditions and searches again without them: it
// may then report a Wait that sits under the same condition as its Add.
// A function is known never to return when no path of its body reaches a
// return (x/tools' ctrlflow, with facts across packages); a helper that
// exits only through a function value or an interface other than
// testing.TB (testify's require) looks like a normal return. A group that is never waited is reported even when its
// goroutines were joined another way, for example by receiving every
// result they send: the WaitGroup is then dead code rather than a leak.
// The owner's field group counts when any function of the package waits
// on that field, without checking that it is the one that closes this
// owner. A return that can only be reached after the Wait because of a
// variable the function assigns (peerChan = nil right after wg.Wait(),
// and a return under if peerChan == nil) is still followed as a path
// without the Wait. Groups from other libraries than sync and golang.org/x/sync/errgroup,
// and groups held in a struct local to the function, are not judged. The
// dropped-error check sees only the function around the Wait: a field
// group whose goroutines, started elsewhere, can only return nil is still
// reported.
package unwaited
