// Package unclosedrange defines an Analyzer that reports a for range over
// a channel that nothing closes, so that the loop never ends.
//
// # Analyzer unclosedrange
//
// unclosedrange: report ranges over a local channel that its producers never close
//
// for v := range ch ends only when ch is closed. unclosedrange reports
// such a range over a channel made in the same function when the
// goroutines that send on it (started there: function literals, named
// functions through facts, across packages, errgroup.Group.Go and
// sync.WaitGroup.Go), or the function itself when the range runs in a
// goroutine it started, finish without closing it on any path: the range
// then waits forever for a value that never comes, and the goroutine
// running it leaks (or the function never returns).
//
// It also reports a channel whose only closer can skip the close: the
// producer closes it at the end but returns early on some path (an error,
// a cancelled context), with the return that skips the close as related
// information; and a function that ranges over the channel itself but
// closes it only after the range or in a defer, which runs too late.
//
// Not reported:
//
//   - defer close(ch) in the producer, or a close on every path out of it;
//   - a closer goroutine that closes after wg.Wait();
//   - a close in a function the channel is passed to (facts), and a close
//     in a callback or sync.Once the closer registers;
//   - a close in a local closure that a defer runs: defer cleanup(), with
//     cleanup a function literal assigned once that closes the channel
//     on every path, directly or through sync.Once's Do (a cleanup that
//     closes several channels in order, deferred right after setup);
//   - producers that never finish (an endless stream by design);
//   - a range with its own way out (a break, return or goto in its body,
//     as when the producer sends a sentinel value, or a call that never
//     returns: t.Fatal, log.Fatal, a project's fatal helper);
//   - channels that leave the function (returned, stored, passed to a
//     function without facts): someone else may close them.
//
// Test code (_test.go files and files that import testing) is skipped
// unless -unclosedrange.tests is set: a test that ranges forever hangs
// and is stopped by the test timeout.
//
// The report is at the range statement.
//
// # Async counterpart
//
// An async generator ends its async for by returning, and an
// asyncio.Queue consumer needs a termination signal (a sentinel,
// Queue.shutdown in 3.13): without it, the consumer awaits get()
// forever. In Go the signal is close(ch): the producer that forgets it
// leaves the range over the channel suspended like an await that is
// never resumed.
//
// # Bad
//
//	func collect(urls []string) []Page {
//		pages := make(chan Page)
//		var wg sync.WaitGroup
//		for _, u := range urls {
//			wg.Add(1)
//			go func() {
//				defer wg.Done()
//				pages <- fetch(u)
//			}()
//		}
//		var out []Page
//		for p := range pages { // never ends: nobody closes pages
//			out = append(out, p)
//		}
//		return out
//	}
//
// # Good
//
//	func collect(urls []string) []Page {
//		pages := make(chan Page)
//		var wg sync.WaitGroup
//		for _, u := range urls {
//			wg.Add(1)
//			go func() {
//				defer wg.Done()
//				pages <- fetch(u)
//			}()
//		}
//		go func() {
//			wg.Wait()
//			close(pages) // the last sender is done: end the range
//		}()
//		var out []Page
//		for p := range pages {
//			out = append(out, p)
//		}
//		return out
//	}
//
// # Why it matters
//
// The consumer does not fail, it waits: a function that never returns,
// a request that times out upstream, a goroutine (and everything it
// holds) parked for the life of the process. Nothing in the logs says
// why; a goroutine dump shows a "chan receive" that will never wake. The
// early-return variant hides until the first error or cancellation.
//
// # Fix
//
// Close the channel exactly once, when the last send is done: with
// defer close(ch) at the top of a single producer, so that every return
// closes it; with a closer goroutine that waits for all producers
// (wg.Wait(), then close) when there are several; never from the
// consumer, and never in a defer of the function that is itself ranging.
//
//	go func() {
//		defer close(out)
//		for _, x := range in {
//			if err := check(x); err != nil {
//				return // still closes out
//			}
//			out <- x
//		}
//	}()
//
// # Limits
//
// Only channels made and ranged over in the same function (or in the
// goroutines it starts) are followed; a range over a channel received as
// a parameter or held in a field is not judged. A close counts wherever
// it is written in a closer, without asking whether it runs after the
// last send of the other producers, and paths that end in a call that
// never returns (panic, os.Exit, t.Fatal, a project's fatal helper in any
// package) are not ways out. A range whose body can break,
// return or stop the goroutine is left alone, even when that way out is
// rarely taken. A producer that loops forever is taken as an endless
// stream and not reported, even if the range was meant to end. A labeled
// continue is taken to stay in the loop. Producers started through
// function values or interface methods make the channel unfollowed. Only
// the first 32 channels a function makes are followed (each costs a walk
// of the function); later ones are not judged. A deferred closure is
// followed at most four function literals deep (maxClosureDepth in
// internal/chanflow: the deferred literal, a sync.Once.Do or in-place
// literal in it, or another local closure it calls); a close deeper
// than that is not seen, and the range is reported. Only a variable
// assigned once, a literal, is followed as a closure, and only a close
// of the channel's own variable counts. A defer written before the
// consumer starts is taken to be registered whenever the consumer is,
// as for defer close(ch).
//
// On std and 50 corpus modules with their tests (census of 2026-11-30)
// the rule gave 2 findings: 1 real (containerd's getMarked returns on a
// scan error without closing the channel its collector ranges over),
// and 1 false positive, alertmanager's bulkImport, whose deferred
// cleanup closure the rule did not follow then; it does now.
package unclosedrange
