package strandedsend

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/asynclint/asynclint/internal/chanflow"
	"github.com/asynclint/asynclint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// giveUp is where the spawner can stop receiving while a sender still has
// a value to deliver.
type giveUp struct {
	reason string    // "the receiver can leave on ctx.Done() first"
	pos    token.Pos // the give-up point, for Related (NoPos when none)
	what   string    // what happens there
}

// reportSends reports the unguarded sends of s.
func reportSends(pass *analysis.Pass, c *chanflow.Chan, s *chanflow.Spawn, senders []*chanflow.Spawn, total chanflow.Count, gu *giveUp, reported map[token.Pos]bool) {
	name := c.Var.Name()
	fix, edit := remedy(c, senders, total)
	diag := func(n ast.Node, what string) {
		if reported[n.Pos()] {
			return
		}
		reported[n.Pos()] = true
		d := analysis.Diagnostic{
			Pos:     n.Pos(),
			End:     n.End(),
			Message: fmt.Sprintf("send on %s may block forever: %s; %s", what, gu.reason, fix),
		}
		if gu.pos.IsValid() {
			d.Related = []analysis.RelatedInformation{{Pos: gu.pos, Message: gu.what}}
		}
		if edit != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Make " + name + " buffered", TextEdits: []analysis.TextEdit{*edit}}}
		}
		report.Report(pass, d)
	}
	if s.Lit == nil {
		// The sends are in the named function, maybe in another package:
		// report the go statement that starts it.
		callee := "the goroutine"
		if s.Callee != nil {
			callee = s.Callee.Name()
		}
		diag(s.Stmt, fmt.Sprintf("%s in %s", name, callee))
		return
	}
	for _, send := range s.Use.SendStmts {
		what := types.ExprString(send.Chan)
		if what != name {
			what += " (" + name + ")"
		}
		diag(send, what)
	}
}

// remedy returns the fix text and, when a buffer of known size makes every
// send succeed (each goroutine sends once, and their number is known), the
// edit that gives the channel that buffer.
func remedy(c *chanflow.Chan, senders []*chanflow.Spawn, total chanflow.Count) (string, *analysis.TextEdit) {
	name := c.Var.Name()
	if !oneShot(senders, total) {
		return fmt.Sprintf("select on ctx.Done() (or a done channel) in the sender, or receive from %s on every path", name), nil
	}
	text := fmt.Sprint(int(total))
	var edit analysis.TextEdit
	if len(c.Make.Args) == 1 {
		end := c.Make.Args[0].End()
		edit = analysis.TextEdit{Pos: end, End: end, NewText: []byte(", " + text)}
	} else {
		edit = analysis.TextEdit{Pos: c.Make.Args[1].Pos(), End: c.Make.Args[1].End(), NewText: []byte(text)}
	}
	return fmt.Sprintf("make %s buffered (cap %s)", name, text), &edit
}

// explain names the give-up point of a path that receives too little.
func (r *receiver) explain(path []*cfg.Block, got chanflow.Count) *giveUp {
	name := r.c.Var.Name()
	if !r.c.Own.Receives {
		return &giveUp{reason: "nothing receives from " + name}
	}
	// The last select on the path where the receiver turns away.
	for i := len(path) - 1; i >= 0; i-- {
		b := path[i]
		if b.Kind != cfg.KindSelectCaseBody && b.Kind != cfg.KindSelectAfterCase {
			continue
		}
		cc := b.Stmt.(*ast.CommClause)
		sel := r.selectOf[cc]
		if sel == nil || !r.selectReceives(sel) {
			continue
		}
		if b.Kind == cfg.KindSelectAfterCase {
			if def := defaultClause(sel); def != nil && lastComm(sel) == cc {
				return &giveUp{reason: "the receiver does not wait for it (select with default)", pos: def.Pos(), what: "the receiver moves on here"}
			}
			continue
		}
		if r.isCh(commRecv(cc.Comm)) {
			continue
		}
		what := "a send"
		if x := commRecv(cc.Comm); x != nil {
			what = types.ExprString(x)
		} else if s, ok := cc.Comm.(*ast.SendStmt); ok {
			what = "a send on " + types.ExprString(s.Chan)
		}
		return &giveUp{reason: "the receiver can leave on " + what + " first", pos: cc.Pos(), what: "the receiver leaves here"}
	}
	// A break out of a loop that receives.
	for i, b := range path {
		if b.Kind != cfg.KindForDone && b.Kind != cfg.KindRangeDone {
			continue
		}
		loop := b.Stmt
		if !r.isLoop[loop] || i == 0 || isHead(path[i-1], loop) {
			continue
		}
		pos := token.NoPos
		if exit := r.exitOf(loop); exit != nil {
			pos = exit.Pos()
		}
		return &giveUp{reason: "the receiver can break out of its loop over " + name + " first", pos: pos, what: "the receiver stops receiving here"}
	}
	ret := path[len(path)-1].Return()
	for _, loop := range r.loops {
		if ret.Pos() >= loop.Pos() && ret.Pos() < loop.End() {
			return &giveUp{reason: "the receiver can return from its loop over " + name + " before receiving every value", pos: ret.Pos(), what: "the receiver returns here"}
		}
	}
	if got == 0 {
		return &giveUp{reason: "the receiver can return before receiving from " + name, pos: ret.Pos(), what: "the receiver returns here"}
	}
	return &giveUp{reason: "the receiver can return before receiving every value", pos: ret.Pos(), what: "the receiver returns here"}
}

// isHead reports whether b is the head of loop (its condition or range).
func isHead(b *cfg.Block, loop ast.Stmt) bool {
	return b.Stmt == loop && (b.Kind == cfg.KindForLoop || b.Kind == cfg.KindRangeLoop)
}

// selectReceives reports whether sel has a case receiving from the channel.
func (r *receiver) selectReceives(sel *ast.SelectStmt) bool {
	for _, cc := range sel.Body.List {
		if r.isCh(commRecv(cc.(*ast.CommClause).Comm)) {
			return true
		}
	}
	return false
}

func defaultClause(sel *ast.SelectStmt) *ast.CommClause {
	for _, cc := range sel.Body.List {
		if cc := cc.(*ast.CommClause); cc.Comm == nil {
			return cc
		}
	}
	return nil
}

// lastComm returns the last case of sel that is not the default.
func lastComm(sel *ast.SelectStmt) *ast.CommClause {
	var last *ast.CommClause
	for _, cc := range sel.Body.List {
		if cc := cc.(*ast.CommClause); cc.Comm != nil {
			last = cc
		}
	}
	return last
}
