// Package cancelledcleanup defines an Analyzer that reports cleanup calls
// given a context that is already cancelled.
//
// # Analyzer cancelledcleanup
//
// cancelledcleanup: report calls that pass a context known to be cancelled, so the cleanup they do fails at once
//
// Once code has seen its context end, every call it makes with that
// context (or with one derived from it) that respects cancellation
// returns context.Canceled at once: the rollback, the final flush, the
// lease release, the deregistration never happens. cancelledcleanup
// reports the context argument of such calls.
//
// Cancellation counts as observed
//
//   - inside a case <-ctx.Done(): of a select, and after a plain
//     <-ctx.Done() receive statement, for the rest of its block;
//   - in the branch of an if or a switch case whose condition implies
//     that ctx is done: ctx.Err() != nil, errors.Is(ctx.Err(), ...),
//     ctx.Err() == context.Canceled, if err := ctx.Err(); err != nil,
//     switch ctx.Err() { case context.Canceled: };
//   - in the branch of errors.Is(err, context.Canceled) (or
//     err == context.Canceled, or a switch case on it) when err is the
//     error of a call that was given ctx, directly or wrapped with %w.
//     context.DeadlineExceeded alone does not count here: net and many
//     clients report their own timeouts with it while ctx is still alive.
//
// The cancelled contexts are ctx and every context derived from it in
// the function (context.WithTimeout(ctx, d), context.WithValue(ctx, k,
// v), any call that takes ctx and returns a context). A context derived
// with context.WithoutCancel is not cancelled, nor is any other context:
// a parent of ctx, a struct field, a long-lived client context
// (mu.Unlock(client.Ctx()) after the caller's ctx failed is the correct
// pattern and is not reported).
//
// A call counts as cleanup that fails when its callee gives up on that
// argument: it selects on its Done channel, tests its Err in a
// condition, or passes it on to a callee that does (ctxscope's GivesUp
// fact, across packages). Calls through an interface method or a
// function value have no body to look at; they count when they return
// an error. Functions of package context, and callees that only read
// values from the context (loggers, tracing, metadata), do not count.
//
// The deferred form is followed within the function: a defer statement
// whose call (or a call directly inside a deferred function literal)
// passes a cancelled context is reported when the same function returns
// from inside a region where that context's cancellation is observed (a
// Done case that returns, an if ctx.Err() != nil { return ... }, or a
// <-ctx.Done() that only straight-line statements follow to the end of
// the function), and the defer statement has run by then: it comes
// earlier, in a block that holds the return. The finding sits at the
// deferred call's context argument, and the return is attached as
// related information. A deferred cleanup in a function that never
// observes cancellation itself (defer tx.Rollback(ctx) in a plain
// transaction helper) is not reported: nothing shows that the context
// is done when it runs; and in pgx, for one, a rollback that fails
// closes the connection, so the server aborts the transaction anyway.
// Callers that observe the cancellation are not followed into their
// callees' defers.
//
// # Async counterpart
//
// asyncio cleanup that awaits something after the task was cancelled has
// to be shielded: asyncio.shield, or a new task that the cancellation does
// not reach. Go's counterpart is context.WithoutCancel(ctx) (Go 1.21),
// which keeps ctx's values (trace IDs, credentials) and drops its
// cancellation, usually bounded again with context.WithTimeout.
//
// # Bad
//
//	for {
//		select {
//		case r := <-in:
//			buf = append(buf, r)
//		case <-ctx.Done():
//			return sink.Flush(ctx, buf) // fails at once: ctx is done
//		}
//	}
//
//	go func() {
//		<-ctx.Done()
//		srv.Shutdown(ctx) // returns at once: no graceful shutdown
//	}()
//
// # Good
//
//	case <-ctx.Done():
//		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
//		defer cancel()
//		return sink.Flush(ctx, buf)
//
//	defer mu.Unlock(client.Ctx()) // a long-lived context of its own
//
// # Why it matters
//
// The code is there and reads correctly, so the failure is invisible in
// review and in tests that never cancel: the last batch is dropped, the
// transaction is left to the server's timeout, the lock or lease is held
// until it expires, the peer is never told. The error of the cleanup
// call, if anyone looks at it, is context.Canceled, which reads like
// a consequence of the shutdown rather than its cause.
//
// # Fix
//
// Detach the cleanup from the cancellation but keep the values:
// context.WithoutCancel(ctx), the suggested fix "Use
// context.WithoutCancel". Cleanup should still be bounded, so the second
// suggested fix, "Use context.WithoutCancel with a timeout", declares
// cleanupCtx with context.WithTimeout(context.WithoutCancel(ctx), d) and
// uses it; adjust d (10 seconds) to the cleanup. For a deferred call the
// fix wraps the call in a deferred function literal, so that the timeout
// starts when the cleanup runs. asynclint -fix applies the first fix;
// editors offer both. Go before 1.21 gets no fix.
//
// # Limits
//
// The rule is off by default: run it with -cancelledcleanup (or enable
// it in the plugin's settings). On the standard library and the
// 50-module corpus it gave 7 findings: none real, 1 debatable
// (controller-runtime stops its event recorder with a shutdown context
// that is always done) and 6 false positives: tests that let their own
// context expire to check the timeout error, a callee that only asks
// whether the context is done, a project's home-made WithoutCancel, and
// http.Server.Shutdown, whose work comes before its context check. Until
// those shapes are told apart it stays behind the flag.
//
// The regions are syntactic: a cleanup after the select (rather than in
// its Done case), or on a path that only some branches reach, is not
// reported. A context is followed through local variables and derived
// contexts (ctxscope), and struct fields are compared by what they name
// (s.ctx); a context reached through a map or a call is not. The facts
// look for Done and Err in the callee and in what it passes its context
// to; a callee that only stores the context (http.NewRequestWithContext)
// does not count, although the request sent later fails, and a wrapper
// that passes its context to an interface method (a Store.Rollback
// around a driver's Tx) gets no fact, so calls of the wrapper are not
// reported while direct calls of the interface method are. Calls through
// interfaces that return an error count even when the implementation
// ignores the context.
//
// Bounds: the GivesUp facts are propagated along call edges with a
// worklist in which each (function, context parameter) pair is added at
// most once, so the work is linear in the calls that pass a context.
// A call or a return is judged against at most 4 nested regions around
// it (maxRegionsPerNode), innermost first; real code nests two or three.
// ctxOfErr follows an error through at most 4 wrappers and variables
// (maxErrDepth).
package cancelledcleanup
