// Package swallowedcancel defines an Analyzer that reports code which
// observes a context's cancellation and then hides it.
//
// # Analyzer swallowedcancel
//
// swallowedcancel: report cancellation that is observed and then turned into success or ignored
//
// A function that sees its context end must say so to its caller. This
// rule reports three ways of not saying so.
//
// (a) A branch taken because of cancellation returns a nil error from a
// function whose last result is an error. The branch is an if (or a
// switch case) whose condition proves a cancellation:
// errors.Is(err, context.Canceled), errors.Is(err,
// context.DeadlineExceeded), err == context.Canceled, ctx.Err() != nil,
// ctx.Err() == context.Canceled, if err := ctx.Err(); err != nil, a
// switch on such an error with a case context.Canceled; also the else
// branch of if ctx.Err() == nil. A test may be one operand of &&, and
// tests of the same error may be joined with || (errors.Is(err,
// context.Canceled) || errors.Is(err, context.DeadlineExceeded)). err
// may be any error, a %w-wrapped one included, since errors.Is looks
// through wrapping.
//
// (b) A case <-ctx.Done(): (or the statements after a plain <-ctx.Done()
// receive) that returns a nil error from a function with a result
// besides the error, such as (T, error): the caller receives a zero
// value that looks like a success.
//
// (c) A case <-ctx.Done(): inside a loop whose body does nothing that
// leaves the loop: the case is empty or only continues (or breaks out of
// the select, which is the same), and the rest of the loop has no way
// out: no return, break or goto outside the select, no call that ends
// the goroutine, no other look at a context (ctx.Err(), a call given
// ctx, whose error might end the loop), and a loop condition made only
// of local variables and constants. Once the context is done the loop
// keeps running, and since Done stays ready it usually spins. A for
// range over a channel is not reported: draining the channel after
// cancellation is how a consumer lets its producer finish.
//
// The finding sits at the if, or at the case clause; for (a) and (b)
// each return of a nil error is attached as related information.
//
// Graceful stop is a contract, not a bug: a worker whose only result is
// an error (func (w *Worker) Run(ctx context.Context) error) and that
// returns nil when its context ends, in a Done case or in a branch of
// kind (a), reports "stopped as asked". Functions whose only result is
// an error are therefore not reported for (a) and (b) by default. The
// flag -swallowedcancel.strict reports them too.
//
// # Async counterpart
//
// In asyncio, a task that catches CancelledError must re-raise it: the
// documentation of asyncio.Task.cancel says that suppressing it is
// discouraged, because the caller awaiting the task believes it finished
// normally (and TaskGroup and timeout() rely on the re-raise). Returning
// a nil error after ctx.Done() is catching CancelledError and returning
// None; a loop that keeps going after ctx.Done() is an except clause
// that swallows it and carries on.
//
// # Bad
//
//	func (c *Client) Fetch(ctx context.Context, id string) (*Page, error) {
//		select {
//		case p := <-c.pages(id):
//			return p, nil
//		case <-ctx.Done():
//			return nil, nil // the caller stores a nil page as a success
//		}
//	}
//
//	func (c *Client) Count(ctx context.Context) (int, error) {
//		n, err := c.count(ctx)
//		if errors.Is(err, context.Canceled) {
//			return 0, nil // "zero rows" instead of "cancelled"
//		}
//		return n, err
//	}
//
//	for {
//		select {
//		case <-ctx.Done(): // falls through: the loop spins
//		case ev := <-events:
//			handle(ev)
//		}
//	}
//
// # Good
//
//	case <-ctx.Done():
//		return nil, ctx.Err()
//
//	if errors.Is(err, context.Canceled) {
//		return 0, err
//	}
//
//	func (w *Worker) Run(ctx context.Context) error {
//		for {
//			select {
//			case <-ctx.Done():
//				return nil // graceful stop: not reported by default
//			case j := <-w.jobs:
//				w.do(j)
//			}
//		}
//	}
//
// # Why it matters
//
// The caller decides what happens next by looking at the error. A nil
// error with a zero value is read as "done, and the answer is empty": an
// empty page is cached, a zero count is shown, a pipeline moves on to
// its next stage with nothing, and work the user cancelled keeps going
// behind their back. A loop that ignores Done burns a core until the
// process ends, and the goroutine running it is never released.
//
// # Fix
//
// Return the cancellation: ctx.Err() after a Done case or a ctx.Err()
// test, or the error that was tested (errors.Is(err, ...) returns err).
// The suggested fix ("Return the cancellation error") replaces each nil
// error returned in the branch with that expression. Wrap it if you add
// context (fmt.Errorf("fetch %s: %w", id, ctx.Err())) so that callers can
// still test it with errors.Is. In a loop, return (or break out of the
// loop and return) in the Done case.
//
// # Limits
//
// The rule is off by default: run it with -swallowedcancel (or enable it
// in the plugin's settings). On the standard library and the 50-module
// corpus it gave 5 findings and none was real: three were test fakes
// that return success after cancellation on purpose (the scenario under
// test), one returned nil only on a path made dead by an earlier
// iErr = ctx.Err(), and one was client-go's reflector, whose nil, nil
// means "stop was requested" to its only caller. Until those shapes are
// told apart it stays behind the flag.
//
// The analysis is syntactic and per function; there is no path search.
// Only a literal nil in the error position counts as a nil error: a bare
// return with named results, or returning a variable that happens to be
// nil, is not reported. A Done case that breaks out of its loop and
// returns a nil error after the loop is not followed, nor is the path
// that skips a negated test (if err != nil && !errors.Is(err,
// context.Canceled) { return err } ... return nil), nor a disjunction
// with an unrelated test (err == io.EOF || errors.Is(err,
// context.Canceled)). Cancellation tested through a helper
// (isCanceled(err), status.Code(err) == codes.Canceled) is not
// recognised. For (c), any call in the Done case counts as possibly
// leaving the loop, so a case that only logs is not reported; and any
// return elsewhere in the loop counts as a way out, so a retry loop that
// returns on success and ignores Done in its backoff is missed.
//
// Cost: each function is walked once for its nil returns, which meet
// the observations around them in one sweep (observation bodies nest),
// so nested observations do not multiply the work. For (c), each empty
// Done case walks its loop's body once.
package swallowedcancel
