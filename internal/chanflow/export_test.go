package chanflow

// MaxChansPerFunc is maxChansPerFunc, for tests.
const MaxChansPerFunc = maxChansPerFunc
