// Package uncancellable defines an Analyzer that reports waits that the
// context in scope cannot interrupt.
//
// # Analyzer uncancellable
//
// uncancellable: report producer sends and Cond waits that the context in scope cannot interrupt
//
// In a function that has a context in scope, a wait outside a select on
// ctx.Done() goes on after the context is cancelled: the caller has given
// up, and the function is still asleep or stuck. By default the rule
// reports the waits that never end by themselves once nobody is left to
// end them:
//
//   - sync.Cond.Wait;
//   - a send outside a select, in a loop, in code that follows its ctx (a
//     function that observes the ctx's cancellation elsewhere, with a
//     select on ctx.Done() or a ctx.Err() check, or a goroutine literal
//     that uses the ctx): a producer, such as Start(ctx) feeding a
//     struct-field channel, that stops on cancellation everywhere except
//     in the send, which blocks for good once the consumer has gone and
//     the buffer is full. A buffered channel made in the same function is
//     left alone: it is usually sized for its sends.
//
// time.Sleep is not reported by default, although it is the first
// uncancellable wait one thinks of: it needs -uncancellable.sleep
// (asynclint -uncancellable.sleep ./..., or in golangci-lint's settings
// uncancellable: {sleep: true}). A sleep ends by itself: it delays
// cancellation by its length, then the code goes on and meets the
// cancelled ctx at its next use, while a send to a consumer that has
// gone never returns. Measured on std and 50 corpus modules with their
// tests (census of 2026-11-30), the default shape gave 8 findings, 8
// real (the sends of listers and watchers), and the sleeps 2, 0 real
// (both debatable: a test runner's wait operation and an example
// reconciler that sleeps to simulate work). The earlier censuses had
// run the rule on 25 of the modules only; the full run found eight
// more default findings, none real, whose shapes are now left alone
// (see below): mongo-driver's pool waits on a Cond its Close broadcasts
// as it cancels the context; minio-go's GetObject answers requests on
// a reply channel made with the request channel (six sends); and
// k8s.io/apiserver's watch cache waits on a Cond a timer broadcasts
// (debatable, now with the sleeps). With the flag the rule also
// reports time.Sleep, and a receive from a timer outside a select
// (<-time.After(d), <-time.Tick(d), <-t.C), which is a sleep by another
// name. Even then a constant pause of a second or less is left alone (a
// one-off settle, or the pace of a poll): it delays cancellation by at
// most a second. An endless loop paced by one that never looks at its
// context is left alone too: what never stops there is the loop, not
// the sleep.
//
// A context is in scope as in detachedctx: a context.Context parameter
// (not one named _), r.Context() of a handler's *http.Request parameter r,
// or a local derived from one, in the function itself or in the function
// around a literal that runs while that function waits (called in place,
// errgroup's Go). A goroutine literal inherits the context only if it uses
// it. A context detached with context.WithoutCancel is not in scope.
// Struct-field contexts are not in scope.
//
// Not reported: main and init (and the literals in them), test code,
// waits in a select that has a ctx.Done() case, the Wait of a
// sync.Cond that is broadcast on cancellation (context.AfterFunc(ctx,
// cond.Broadcast), or cond.Broadcast() in a function that also calls a
// context.CancelFunc, as a pool's Close does), the Wait of a Cond that a
// timer broadcasts (right after <-time.After(d), <-clock.After(d) or
// <-t.C, or through time.AfterFunc(d, cond.Broadcast): it ends by itself
// like a sleep, and -uncancellable.sleep reports it), a send that
// answers a request (in a loop over a request channel declared in the
// same block as the reply channel, the pair made for one requester that
// waits for each reply: minio-go's GetObject), a wait after
// if done := ctx.Done(); done != nil { ...; return } (reached only when
// ctx can never be cancelled), and calls: a helper that
// takes the ctx and returns on Done is interruptible, and one that does
// not is judged in its own body.
//
// Other waits are behind flags too, because on real code most of them
// are fine (a result channel its goroutine always fills, a WaitGroup
// whose goroutines return on Done, a pool's handback channel sized for
// its items). On std and 25 corpus modules with their tests,
// -uncancellable.waits added 24 findings and -uncancellable.chans 147
// (docs/evaluation/peers.md):
//
//   - -uncancellable.chans: every other send or receive outside a select
//     with ctx.Done(), and every select that waits without a ctx.Done()
//     case;
//   - -uncancellable.waits: sync.WaitGroup.Wait;
//   - -uncancellable.timerdrain: the drain if !t.Stop() { <-t.C }. Before
//     Go 1.23, Stop returns false with the value still in the timer's
//     buffer and the drain takes it at once. With Go 1.23 timers (a main
//     module at go 1.23 or later), the channel is unbuffered and Stop
//     returns false only when the value was already received, so the
//     drain never runs in correct code. In both, the drain blocks for
//     good when an earlier receive (a case <-t.C) already took the
//     value. The flag reports every drain so that it can be made
//     non-blocking (select { case <-t.C: default: }) or dropped.
//
// # Async counterpart
//
// In asyncio, cancellation is delivered at an await: asyncio.sleep,
// queue.put and event.wait all raise CancelledError when the task is
// cancelled. Go has no such delivery: time.Sleep, a bare channel send and
// WaitGroup.Wait are awaits that cancellation cannot reach. Only a select
// that includes ctx.Done() is a cancellable await.
//
// # Bad
//
//	func (p *Publisher) Start(ctx context.Context) error {
//		for _, e := range p.pending {
//			if err := ctx.Err(); err != nil {
//				return err
//			}
//			p.out <- e // stuck for good once the subscriber has left
//		}
//		return nil
//	}
//
//	func retry(ctx context.Context) error {
//		for {
//			if err := try(ctx); err == nil {
//				return nil
//			}
//			time.Sleep(time.Minute) // with -uncancellable.sleep
//		}
//	}
//
// # Good
//
//	func (p *Publisher) Start(ctx context.Context) error {
//		for _, e := range p.pending {
//			select {
//			case p.out <- e:
//			case <-ctx.Done():
//				return ctx.Err()
//			}
//		}
//		return nil
//	}
//
//	func retry(ctx context.Context) error {
//		t := time.NewTimer(0)
//		defer t.Stop()
//		for {
//			select {
//			case <-t.C:
//			case <-ctx.Done():
//				return ctx.Err()
//			}
//			if err := try(ctx); err == nil {
//				return nil
//			}
//			t.Reset(time.Minute)
//		}
//	}
//
// # Why it matters
//
// Cancellation is how a server sheds abandoned work and how a program
// shuts down in bounded time. A sleep delays both by its full length; a
// send to a consumer that has stopped never returns, so the goroutine and
// everything it holds (a subscription, a connection, a lock) leak for the
// life of the process, although the context that should have stopped it
// was cancelled.
//
// # Fix
//
// Wait in a select that also has case <-ctx.Done(): for a sleep, a
// time.NewTimer's channel (stopped on the way out); for a send or a
// receive, the channel itself. For sync.Cond, wake the waiters when the
// context ends (stop := context.AfterFunc(ctx, cond.Broadcast)) and check
// ctx.Err() in the wait loop, or use a channel instead. For a WaitGroup,
// make every goroutine return on ctx.Done(), or wait in a goroutine that
// closes a channel and select on that.
//
// # Limits
//
// The sleep threshold (shortSleep, one second) is a judgment: a poll
// that checks its ctx every round with a one-second sleep delays
// cancellation by up to a second and is not reported; a computed
// duration (a backoff) is always reported, since it can grow. The rule
// judges operations, not calls: a call to a helper that sleeps without
// a ctx is not reported at the call (the helper's own body is judged if
// it has a ctx). A select whose Done case belongs to another context (a
// struct field's lifetime context) counts as interruptible. It does not
// tie a Cond's broadcast to the waiter's own context: a Broadcast next
// to any cancel call in the package, or in any context.AfterFunc,
// exempts every Wait on that variable or field. It does not
// prove that a send can block: a channel whose consumer never stops
// before the producer, or whose buffer outgrows its sends, is still
// reported when the producer follows its ctx. A context is looked for
// across at most eight enclosing function literals (maxLits). The if
// that leaves whenever ctx.Done() is non-nil is looked for among the
// four statements before a wait (maxLookback). Each function's
// operations come from internal/blocking and its contexts from
// internal/ctxscope, each computed in one walk; deciding whether a
// local channel is buffered walks the function once more, only for a
// send about to be reported, and the Conds broadcast on cancellation
// come from one walk of the package's calls (with one walk of each
// function that broadcasts), made at the first Cond wait, so the cost
// stays linear in the size of the package.
package uncancellable
