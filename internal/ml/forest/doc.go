// Package forest is a random forest classifier (Breiman, 2001) on dense
// features: CART trees split on Gini impurity, each grown on a bootstrap
// sample and considering a random subset of √p features per node, with
// maximum depth and minimum leaf size limits. Trees are built in parallel by
// a fixed number of workers; each tree draws from its own seeded generator,
// so the forest is identical whatever the worker count.
//
// Prediction averages the class distributions of the leaves reached, walks
// flat node arrays and does not allocate.
package forest
