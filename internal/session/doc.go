// Package session classifies the behaviour of a user session — Normal,
// BruteForce, Injection, DataExfil or Recon — from six numbers, scores how
// unusual it is and how risky (1–10), and says which features drove the
// verdict.
//
// Data flows one way: log events → Extract (sessionise by client or user
// with an inactivity timeout) → Features → Validate → scaler → random
// forest (attack type) and isolation forest (anomaly) → risk score and
// per-feature contributions → Prediction.
//
// The models are trained on synthetic sessions from Generate, whose
// class-conditional distributions overlap the way real behaviour does
// (docs/session.md tells the generative story). Train fits and evaluates
// them; Save and Load keep them in one artifact whose feature-schema hash
// covers the feature names, their order and their ranges.
//
// Features are validated strictly: out-of-range values, wrong JSON types,
// missing and unknown fields are a *ValidationError with one message per
// field, and nothing is clamped.
package session
