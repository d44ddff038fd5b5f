package testhook

func (w *wrapped) run() error {
	if w.hooks != nil && w.hooks.run != nil {
		return w.hooks.run()
	}
	return w.Conn.run()
}
