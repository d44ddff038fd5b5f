// Package detachedctx defines an Analyzer that reports context.Background()
// and context.TODO() passed on where the caller's context is in scope.
//
// # Analyzer detachedctx
//
// detachedctx: report context.Background() and context.TODO() passed on where a ctx is in scope
//
// Inside a function that has a context in scope, a call that is handed
// context.Background() or context.TODO() instead can no longer be
// cancelled: when the caller gives up, the callee keeps working. The rule
// reports the Background() or TODO() call when its value is passed as an
// argument where a context.Context is expected, directly or through one
// local variable that holds only it (bg := context.Background();
// fetch(bg)), or as the parent of a derived context that is then used
// locally (context.WithTimeout(context.Background(), d)).
//
// A context is in scope when it is a context.Context parameter (not one
// named _), r.Context() of a handler's *http.Request parameter r (a
// function that also takes an http.ResponseWriter; an outgoing request's
// context is whatever its maker set), or a local derived from one of those
// (context.WithTimeout(ctx, d), errgroup.WithContext(ctx), a project's
// func(ctx, ...) context.Context). A function literal sees the contexts of
// the function around it when it runs while that function waits: a literal
// called in place, kept in a local variable, or passed to a call
// (errgroup's Go, sync.Once's Do). A struct field is not in scope, nor is
// a local copied from one: such a context is usually a lifetime context
// the rule cannot judge.
//
// Not reported, because the detachment is deliberate or harmless:
//
//   - context.WithoutCancel(ctx), the explicit way to detach;
//   - package-level code, the functions main and init (and the literals in
//     them), and test code (_test.go files and files importing testing);
//   - a deferred call (defer tx.Rollback(context.Background())): cleanup
//     has to run even when ctx is already cancelled;
//   - code that runs after the function learned that its ctx was
//     cancelled: in a case <-ctx.Done(), after a <-ctx.Done() statement,
//     in a branch on ctx.Err() != nil or errors.Is(err, context.Canceled).
//     Using ctx there would fail at once (that is cancelledcleanup's
//     finding);
//   - a lifetime context or object: a derived context, or the result of
//     the call that received Background(), that is stored in a struct
//     field, a composite literal or a package variable, or returned;
//   - work handed to a goroutine: go s.cleanup(context.Background()), and
//     Background() inside a go func() { ... }() or a callback kept for
//     later (a field, time.AfterFunc, context.AfterFunc). A goroutine that
//     outlives the request is detachment on purpose; -detachedctx.goroutines
//     reports it too (its fix is context.WithoutCancel(ctx), which keeps
//     ctx's values);
//   - an assignment such as if ctx == nil { ctx = context.Background() }.
//
// Work handed to a goroutine stays off by default. Measured on
// 2026-11-30 over the standard library and 25 corpus modules with their
// tests (docs/evaluation/peers.md), -detachedctx.goroutines adds one
// finding to the default's 13, a pool's Destructor callback that closes
// a connection under context.WithTimeout(context.Background(), 15s), on
// purpose; the shape go s.cleanup(context.Background()) in a function
// with a context in scope did not occur at all. Where it occurs it is
// deliberate detachment whose explicit spelling is WithoutCancel; the
// flag is for code bases that want every detachment spelled that way.
//
// A context.Background() deep inside a callee is never reported at the
// caller: only the call that creates the detached context is a finding,
// where a maintainer can change it.
//
// With -detachedctx.tests, test functions with a *testing.T, B or F are
// checked too, with t.Context() (Go 1.24 and later) as the context in
// scope: the test's context is cancelled when the test ends, so work
// started under it does not outlive the test.
//
// # Async counterpart
//
// In asyncio, cancellation travels through every await: cancelling the
// outer task raises CancelledError inside whatever it is awaiting. In Go,
// cancellation travels only as far as the ctx is passed. A
// context.Background() in the middle of the chain is a task started with
// no parent: cancelling the request leaves it running.
//
// # Bad
//
//	func (h *Handler) Report(ctx context.Context, id string) (*Report, error) {
//		rows, err := h.db.QueryContext(context.Background(), query, id)
//		...
//	}
//
// # Good
//
//	func (h *Handler) Report(ctx context.Context, id string) (*Report, error) {
//		rows, err := h.db.QueryContext(ctx, query, id)
//		...
//	}
//
//	func (h *Handler) Audit(ctx context.Context, ev Event) {
//		// outlives the request on purpose, keeping its values
//		go h.audit.Write(context.WithoutCancel(ctx), ev)
//	}
//
// # Why it matters
//
// The client has hung up, the deadline has passed or a sibling failed,
// and the detached call keeps holding a database connection, a lock or a
// goroutine until it finishes on its own. Under load, abandoned work piles
// up exactly when the system is already struggling. The request's values
// (trace spans, auth, deadlines) are lost as well.
//
// # Fix
//
// Pass the context in scope (the suggested fix, "Use ctx", does this). If
// the call must outlive the caller on purpose, say so with
// context.WithoutCancel(ctx) (Go 1.21 and later), which keeps ctx's values,
// and add a timeout with context.WithTimeout(context.WithoutCancel(ctx), d).
//
// # Limits
//
// The rule is off by default: run it with -detachedctx (or enable it in
// the plugin's settings). On the standard library and 25 corpus modules
// it gave 13 findings: 6 real (HTTP handlers that query with
// context.Background() while r.Context() is in scope, a poll that cannot
// be cut short), 4 debatable and 3 false positives, nearly all
// deliberate detachment written as Background or TODO instead of
// context.WithoutCancel, which the rule cannot tell from a mistake.
//
// Deliberate detachment written as Background() or TODO() rather than
// context.WithoutCancel (a cleanup or a failure report that must run
// after the caller gave up) cannot be told from an oversight: on the
// corpus it is most of what the rule reports that is not a bug. Only
// the call site of Background() or TODO() is judged, and only one
// local assignment is followed: a detached context passed through a
// parameter, a field or two variables is not seen. The rule does not know
// whether the callee really uses its context. A result kept in a struct
// field is taken as a lifetime object even when the context bounded only
// its creation (a dial). Contexts reached through struct fields and other
// parameters (a gRPC stream's Context()) are not in scope. Variables are
// followed flow-insensitively (see internal/ctxscope). Each function is
// walked once; the rule follows nothing across calls, so its cost is
// linear in the size of the package.
package detachedctx
