// Package calibrate makes model probabilities honest. Temperature scaling
// (Guo et al., 2017) divides every logit by one scalar T fitted to minimise
// the negative log-likelihood on held-out data: it leaves the argmax, and so
// accuracy and F1, unchanged while fixing over- or under-confidence.
package calibrate
