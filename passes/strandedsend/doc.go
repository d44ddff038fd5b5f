// Package strandedsend defines an Analyzer that reports goroutines left
// blocked forever on a send because their receiver gave up first.
//
// # Analyzer strandedsend
//
// strandedsend: report sends in goroutines that block forever once the spawning function stops receiving
//
// A function makes a channel, starts goroutines that send their results
// on it, and receives those results. When the function can stop
// receiving before every goroutine has delivered (it leaves on
// ctx.Done() or a timer in a select, takes the first of several results,
// returns on an error path, or breaks out of a for range over the
// channel), and the channel's buffer cannot hold what is left, the
// remaining senders block on their send forever: the goroutines leak,
// with everything they reference.
//
// strandedsend follows the channel from its make to the sends of the
// goroutines started in the same function (function literals, and named
// functions the channel is passed to, through facts, across packages;
// go statements, errgroup.Group.Go and sync.WaitGroup.Go) and to the
// receives of the spawning function. It counts the sends that can be
// pending together (per goroutine on its control-flow graph, times the
// goroutines a loop of known trip count starts, plus the goroutines
// started before or after it with no receive in between) against the
// buffer capacity, and looks for a path from the goroutine's start to a
// return of the spawner that receives fewer values than would drain
// them. The finding is reported at the send statement inside the
// goroutine (at the go statement when the goroutine is a named function,
// whose send may sit in another package), with the place where the
// receiver gives up as related information.
//
// By default only one-shot channels are reported: every goroutine sends
// on the channel at most once on a run, and the sends that can be pending
// together are a known number, so a buffer of that size is the fix
// (unbuffered or too small a buffer alike). The flag
// -strandedsend.streams also reports streams: channels that a goroutine
// can send on more than once (in a loop, or at two send statements on
// one path, such as a deferred send on the panic path beside the normal
// one), or that goroutines started a number of times known only at run
// time send on, when the receiver can stop before it has drained them.
// Whether a stream's sender is stranded depends on how many values it
// really sends, and the analysis counts every send a path could make: a
// flag that stops the loop after the first send, or a lock-step
// protocol that keeps one reply in flight, is invisible to it, and on
// real code streams measured 3 real findings of 8 (see Limits).
//
// Not reported:
//
//   - a buffer large enough for every send: make(chan T, 1) for one
//     goroutine that sends once, make(chan T, N) for N goroutines started
//     by a loop of constant trip count; a capacity computed at run time
//     (make(chan T, len(jobs))) is presumed to fit;
//   - a sender that selects on ctx.Done(), a done channel or a default
//     along with its send: it can give up too;
//   - a receiver that drains the channel on every path: a receive loop
//     that runs to its own end (for range ch until the close, or a loop
//     over as many items as there are goroutines), ways out taken only
//     once the channel is closed (if !ok { break }) or once a counter of
//     received values reaches its target (if active == 0 { return }),
//     and a deferred func() { <-ch }() that receives on every way out;
//   - a select between a result channel and an error channel (or a done
//     channel closed instead) that the same goroutine uses exclusively:
//     one or the other, never both;
//   - goroutines whose value is received before the next one starts;
//   - channels that leave the function (returned, stored, passed to a
//     function without facts, used in a closure), that a goroutine also
//     receives from, or that the spawner itself sends on: their
//     receivers are elsewhere;
//   - paths that end in a call that never returns: panic, os.Exit,
//     log.Fatal, t.Fatal, or a function of the project, in any package,
//     that never returns;
//   - without -strandedsend.streams, channels a sender can send on more
//     than once, or that goroutines counted at run time send on: a
//     producer in a loop, for range over the channel in the receiver
//     that can break, one goroutine per item of a slice.
//
// Test code (_test.go files and files that import testing) is skipped
// unless -strandedsend.tests is set: a goroutine stranded in a test
// dies with the test binary.
//
// # Async counterpart
//
// asyncio.wait(tasks, return_when=FIRST_COMPLETED) and asyncio.wait_for
// leave the losing tasks running, and the documentation says to cancel
// them. In Go nothing cancels the loser: a goroutine that sends its
// result on an unbuffered channel nobody reads any more waits forever,
// like a pending task that is never awaited nor cancelled; asyncio at
// least logs "Task was destroyed but it is pending", Go says nothing.
//
// # Bad
//
//	func fetch(ctx context.Context, url string) (*Page, error) {
//		results := make(chan *Page)
//		go func() {
//			results <- download(url) // blocks forever once fetch has returned
//		}()
//		select {
//		case p := <-results:
//			return p, nil
//		case <-ctx.Done():
//			return nil, ctx.Err()
//		}
//	}
//
// # Good
//
//	func fetch(ctx context.Context, url string) (*Page, error) {
//		results := make(chan *Page, 1) // the send succeeds even if nobody waits
//		go func() {
//			results <- download(url)
//		}()
//		select {
//		case p := <-results:
//			return p, nil
//		case <-ctx.Done():
//			return nil, ctx.Err()
//		}
//	}
//
// # Why it matters
//
// Every abandoned receive leaves one goroutine blocked for the life of
// the process, holding its stack and whatever its closure references
// (buffers, connections, request state). Under load, timeouts are
// exactly when receivers give up, so the leak grows fastest when the
// service is already in trouble, and only a goroutine dump shows it.
//
// # Fix
//
// Give the channel room for every value that can be sent: capacity 1
// for one goroutine sending once, N for N such goroutines. The
// suggested fix ("Make results buffered") does that when the number of
// sends is known. When it is not (the streams that -strandedsend.streams
// reports: a producer that sends in a loop, a number of goroutines known
// only at run time), make the sender give up too, by selecting on
// ctx.Done() or a done channel the receiver closes, or drain the channel
// on every path before returning.
//
//	select {
//	case results <- r:
//	case <-ctx.Done():
//	}
//
// # Limits
//
// The analysis is per function and path-insensitive: it does not
// correlate conditions, so a goroutine started under if x and received
// from under the same if x can be reported. A send inside a loop counts
// as any number of sends, even when the loop has a constant trip count
// or a flag lets it send only once; against such a producer, a receive
// loop of constant trip count is presumed to match it. A send in a
// callback (time.AfterFunc, a closure passed on) counts once per closure
// created. Channels held in struct fields, returned, or passed to
// functions without facts are not followed, and goroutines started
// through function values or interface methods are not analyzed. The
// suggested fix is offered only when each goroutine sends at most once
// and the number of goroutines is a constant. Only the first 32 channels
// a function makes are followed (each costs a walk of the function);
// later ones are not judged.
//
// Measured on the standard library and 50 corpus modules (the
// 2026-11-30 census, docs/evaluation/findings.tsv): the default reports
// 7 findings, 6 real and 1 debatable (a server whose only caller exits
// on the error); -strandedsend.streams adds 8, 3 real, 2 debatable (a
// one-shot command that exits right after) and 3 false positives (a
// lock-step request/reply loop, and two goroutines whose found flag
// keeps each to one send on a buffer of two). Two of the 3 real streams
// are the two sends of one goroutine, a deferred send on the panic path
// beside the normal one, kept to one by a flag the analysis does not
// follow: that leak is reported only with the flag.
package strandedsend
