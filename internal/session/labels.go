package session

// Classes are the attack types in label-encoding order: a class's index is
// its label in training and its position in the artifact's class list.
var Classes = [NumClasses]string{"Normal", "BruteForce", "Injection", "DataExfil", "Recon"}

// NumClasses is the number of attack types, Normal included.
const NumClasses = 5

// Normal is the label index of normal sessions.
const Normal = 0

// multipliers scale the risk of each class (in Classes order): the harm
// an attack of that type does when it is real.
var multipliers = [NumClasses]float64{0.3, 1.1, 1.3, 1.2, 0.9}

// ClassIndex returns the label index of name, or -1.
func ClassIndex(name string) int {
	for i, c := range Classes {
		if c == name {
			return i
		}
	}
	return -1
}
