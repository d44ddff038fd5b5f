// Package immortalgo defines an Analyzer that reports goroutines that can
// never stop: their body is a loop that was meant to end and has no exit.
//
// # Analyzer immortalgo
//
// immortalgo: report go statements whose goroutine runs a loop it can never leave
//
// A goroutine ends only when the function it runs returns. immortalgo
// reports a go statement whose function, once it reaches a certain loop,
// can never return, so that no owner can ever stop it:
//
//   - a for loop with no condition (for { ... }, or for true) from which
//     control cannot leave: no return in it, no break of the loop, no
//     break, continue or goto to a label outside it, no call that ends the
//     goroutine or the process (os.Exit, log.Fatal, runtime.Goexit,
//     t.FailNow, t.Fatal, t.Skip, klog's or zap's Fatal, or a function of
//     the project, in any package, that never returns and calls one of
//     these);
//   - a range over a channel nothing can close, without such an exit:
//     time.Tick's channel, a Ticker's or Timer's C (Stop does not close
//     it), a local variable only ever assigned one of those, or nil;
//   - a call to a function that never returns in that sense.
//
// The go statement may start a function literal (its body is judged) or a
// named function or method, go w.loop(), judged by a neverReturns fact
// that immortalgo exports for every function it proves immortal, across
// packages. Calls through interfaces and function values are not judged.
//
// An exit is control flow out of the loop, not merely a receive: a loop
// that receives from ctx.Done() or a quit channel ends only if it acts on
// it (case <-ctx.Done(): return). These are immortal:
//
//	for { select { case <-ticker.C: flush() } }  // nothing to leave on
//	for { select { case <-done: break } }        // break leaves the select only
//	for { select { case <-ctx.Done(): log.Print("done") } } // keeps looping
//
// By default the rule reports only a loop that misses the stop it was
// meant to have, the last two of these, which is where its findings
// measured real:
//
//   - a loop that receives a stop signal and does not leave on it: a
//     receive from ctx.Done() (of a context.Context), or from a channel
//     that the package closes somewhere (a variable or a struct field,
//     such as done or s.quit), anywhere in the loop's body, in a select
//     case or not. Once the stop comes the receive is always ready, so the
//     goroutine spins or keeps working for an owner that is gone (case
//     <-ctx.Done(): t.Stop(), without a return);
//   - a loop whose only way out is an unlabeled break in a select or
//     switch, which leaves only that statement;
//   - a range over a channel that is never closed (a ticker's C, whose
//     Stop does not close it, time.Tick's channel);
//   - a call to a function whose loop is one of these (the neverReturns
//     fact carries the shape across calls and packages).
//
// A loop with no stop at all, such as the first one above, a worker
// looping on a job channel or a sampler sleeping between polls, is
// reported only with -immortalgo.noexit ("also report goroutines whose
// loop has no exit at all, or that call a function that never returns").
// Such loops are as immortal, and are leaks when their goroutine is
// started per owner, but many are started once per process by code the
// rule cannot see as such (a plugin's init function registered from
// init, a CLI framework's action), and then live with the process by
// design: see # Limits for the measured figures.
//
// A loop with a condition (for !closed.Load() { ... }) can end, and so can
// a range over a channel its owner can close (for job := range p.jobs),
// over a slice, a map, a number or an iterator: none of them is reported.
// Any return counts as an exit, even behind a rare condition, and a call
// that may panic does not: a crash is not a way for an owner to stop its
// goroutine. An explicit panic is not an exit either.
//
// The loop need not be the whole body: a function that checks its
// configuration, returns early when disabled, and otherwise enters a loop
// with no exit is immortal once it gets there, and go statements running
// it are reported (its fact reads loopsForever rather than neverReturns).
// Only a function that reaches such a loop on every path makes its
// callers immortal in turn: a loop on a rare path deep in a callee (the
// child branch of a fork helper loops on exit) would otherwise spread to
// every caller.
//
// The rule is about owners. A goroutine is reported when its endless loop
// works for the code that started it: it uses the started function's
// receiver or parameters, the variables a function literal captures, or
// locals assigned from them (for a loop reached through a call, the
// callee's own receiver and parameters). A loop that works only on
// package-level state is a package daemon, such as the Go runtime's
// sweeper or a package-level cache janitor: it has no owner to outlive,
// and it is not reported outside test code. In test code (_test.go files
// and files that import testing) every goroutine has an owner, its test,
// and daemons are reported too.
//
// Not reported, because the goroutine is meant to live as long as the
// process: go statements in main (of package main), in init functions, in
// TestMain(*testing.M), in examples (func ExampleXxx() in a _test.go file:
// it stands for a program's main), in package-level variable
// initializers, in function literals run by a package-level sync.Once
// (once.Do, or sync.OnceFunc, OnceValue and OnceValues initializing a
// package-level variable), and in package-level functions that only ever
// get called from such code (a startJanitor called from init), which the
// rule works out within the package. The function f passed to a
// package-level once.Do(f) runs once per process wherever the Do is.
//
// Nor is a go statement in a test switched off by its name: a function of
// a _test.go file that takes a *testing.T, B or F, whose name does not
// start with Test, Benchmark or Fuzz (XTestDelivery), and that nothing in
// the package calls. go test never runs it.
//
// Two more kinds of code run once per process. A cobra command's
// functions (Run, RunE and the Pre and Post hooks of a
// github.com/spf13/cobra Command, in its composite literal or assigned to
// the field) and what only they call: a CLI executes one command per
// process. And the Do of a sync.Once struct field whose owner is a
// singleton: a type of the package, unexported (or in package main), of
// which every value is made (T{}, &T{}, new(T), var x T) by code that runs
// once per process, such as a default collector made in a package-level
// once.Do. A type also used as a struct field, or as an array, slice, map
// or channel element, may have any number of values and is no singleton.
// In package main, command factories too: function literals with results
// (func() (Command, error)) kept in a package-level map built in init or
// in the variable's initializer (commands["agent"] = func() ...): a
// program runs one command per process. A literal without results in
// such a table (an HTTP handler in a routing map) runs per request and is
// judged as ordinary code. In any package, factories registered from
// init: a function literal with results that init passes to a call,
// within composite literals or not (registry.Register(&Registration{
// InitFn: func(ic *InitContext) (any, error) { ... }})), or stores in a
// package-level variable, a field of one or an element of a
// package-level map: a plugin registry runs each factory once per
// process, and what only such a factory calls runs once as well.
//
// A function literal passed as a value (an HTTP handler registered in
// main) runs any number of times and is judged as ordinary code, and so
// is any other sync.Once that is a struct field: it runs once per owner,
// which is no different from a constructor.
//
// That is where the rule draws its line: a library's lazily started,
// once-per-process janitor is a design choice (it costs one goroutine for
// the process, and goleak users list it as ignored), while a goroutine
// started per constructor call, per connection or per test multiplies with
// every owner and is a leak.
//
// # Async counterpart
//
// In asyncio every task can be cancelled: task.cancel() raises
// CancelledError at its next await, and an owner (a TaskGroup, a server's
// shutdown) relies on that to stop what it started. A Go goroutine has no
// cancel; it stops only when its own code decides to return. A goroutine
// whose loop has no exit is a task that refuses cancellation forever: no
// reference kept to it could ever stop it.
//
// # Bad
//
//	func NewCache(ttl time.Duration) *Cache {
//		c := &Cache{items: map[string]entry{}, ticker: time.NewTicker(ttl)}
//		go c.janitor() // every NewCache leaks a janitor
//		return c
//	}
//
//	func (c *Cache) janitor() {
//		for range c.ticker.C { // Stop does not close C: the range never ends
//			c.evict()
//		}
//	}
//
//	func (c *Cache) Close() { c.ticker.Stop() }
//
// The same janitor as for { select { case <-t.C: c.evict() } }, with no
// quit channel at all, is reported with -immortalgo.noexit.
//
// # Good
//
//	func NewCache(ttl time.Duration) *Cache {
//		c := &Cache{items: map[string]entry{}, quit: make(chan struct{})}
//		go c.janitor(ttl)
//		return c
//	}
//
//	func (c *Cache) janitor(ttl time.Duration) {
//		t := time.NewTicker(ttl)
//		defer t.Stop()
//		for {
//			select {
//			case <-t.C:
//				c.evict()
//			case <-c.quit:
//				return
//			}
//		}
//	}
//
//	func (c *Cache) Close() { close(c.quit) }
//
// A worker pool whose workers range over a job channel that Close closes,
// and a loop that selects on ctx.Done() (or t.Context().Done() in a test)
// and returns, are fine as well.
//
// # Why it matters
//
// Whatever starts the goroutine eventually goes away: a test ends, a
// server is shut down and started again, a client is closed, a
// constructor is called once per request. The immortal goroutine stays,
// with everything it references (the cache it evicts, the connection it
// polls, the ticker it waits on), and keeps waking up to do work for an
// owner that no longer exists. Test suites that run the code many times
// (go test -count, t.Run in a loop) accumulate them until goleak, a race
// report or the memory limit notices.
//
// # Fix
//
// Give the goroutine a way out and give its owner the handle: select on
// ctx.Done() (the caller's context, or t.Context() in a test) or on a quit
// channel that Close or Stop closes, and return there. When the loop
// consumes a channel, range over it and let the owner close it. Replace a
// break inside a select by a return or a labeled break. Wait for the
// goroutine in Close (a sync.WaitGroup or a done channel) so that stopping
// is complete when Close returns.
//
// When a goroutine really is meant to run until the process exits, start
// it from main, init or a package-level sync.Once, or say so:
//
//	//asynclint:ignore immortalgo one flusher per process, started by Open
//	go s.flushForever()
//
// # Limits
//
// Measured on the standard library and the 50-module corpus (census of
// 2026-11-30): before the default was narrowed the rule gave 21
// findings, 13 real, 2 debatable and 6 false positives. The default
// shape, a loop that misses its stop, gave 5, all real (natscli's two
// reporters that stop their ticker on ctx.Done() but do not return,
// alertmanager's test loop whose break leaves only the select, fiber's
// memory store and a grpc benchmark ranging over a ticker's channel).
// The shape only -immortalgo.noexit adds, a loop with no stop at all,
// gave 16: 8 real (fiber's cache and logger timestamp loops, geth's
// catalyst heartbeat, busy loops and workers in gin, controller-runtime
// and runtime/pprof tests), 2 debatable (test helpers) and 6 false
// positives, all goroutines started once per process by code not
// recognised as such: containerd plugins' InitFn registered from init,
// geth's urfave/cli actions and the metrics set up only from them. Since
// factories registered from init are recognised, the flag's shape gives
// 15 (the same 8 real and 2 debatable, 5 false positives): the
// containerd image service built by a plugin of another package, and
// geth's four.
//
// A stop signal is recognised only as ctx.Done() or a channel this
// package closes: a done channel handed in by a caller that closes it in
// another package (a stopCh parameter) is not seen as one, and a loop
// that ignores it is reported only with -immortalgo.noexit.
//
// Exits are judged by syntax: a return counts even if its condition can
// never hold, and a loop with a condition counts as finite even if the
// condition never changes. A loop reached only on some paths (after an
// early return, in one branch of a switch) makes the function it is in
// immortal all the same, but not that function's callers. A range over a
// channel counts as finite unless the channel is known never to be
// closed; whether its owner really closes it is unclosedrange's business.
// Function values and interface methods have no body to judge. Mutually
// recursive functions are judged in rounds until their verdicts settle,
// at most ten (real code settles in two or three); past that, a verdict
// still growing is left out, so a goroutine may be missed, never
// invented. A helper that ends the process or the goroutine only through a
// function value or an interface other than testing.TB (testify's
// require) is not known to exit, so a loop whose only exit is such a call
// is reported; one that never returns because it calls such a function
// on some path and loops or panics on the others counts as an exit. A package daemon started
// once per constructor call is missed, because its loop uses no owner
// state. Cobra commands are taken to run once per process even when a
// test executes them again and again. A singleton is judged by walking
// the package once per type whose field Once is asked about (memoized);
// a value made with an elided type ([]*T{{...}}) is not seen as a
// construction site. Other CLI frameworks (urfave/cli, kingpin, fisk) are
// not recognised, nor a command table outside package main that is not
// built in init, nor a command type's Run method that a framework calls
// (only the factory literal's own body, and what only it calls, counts).
// A factory registered from init is taken to run once even if its
// registry calls it again and again, and a service that only such a
// factory of another package constructs (containerd's CRI image service)
// is not seen as once per process. Starts that are made once by hand (a
// compare-and-swap or a nil check on a package-level variable) are not
// recognised as process-lifetime, nor are methods called only from main;
// when such a goroutine uses owner state, silence it with a reason.
package immortalgo
