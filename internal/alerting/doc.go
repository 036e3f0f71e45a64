// Package alerting turns flagged verdicts into stored alerts and a live
// feed of them.
//
// A Recorder takes alerts on the scan path without waiting: Record puts
// the alert on a bounded queue and returns; one goroutine writes the queue
// to the store and publishes each stored alert to the Feed. When the queue
// is full the alert is dropped, counted (Recorder.Dropped) and logged, so
// a slow database slows no scan and loses alerts visibly, never silently.
//
// The Feed fans events out to subscribers (the server-sent events stream
// of the dashboard). Each subscriber has a bounded buffer; one that falls
// behind is dropped with ErrSlow rather than holding up the others or
// growing without bound, and may reconnect and re-read the list.
package alerting
