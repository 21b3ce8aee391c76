/// Messages of the planner that are long or shared, as functions so that the code stays readable.
enum PlanningMessages {
    /// A name that came from the environment matches nothing: the message names the variables but
    /// never prints the value, which may be a secret (and gives no "did you mean", which would show
    /// a name close to it).
    static func unknownFromVariables(_ noun: String, _ variables: [String], in place: String) -> String {
        "the \(noun) named by \(Interpolator.naming(variables)) does not exist \(place) (the name is not "
            + "shown: variables may hold secrets); check the variable's value"
    }
}
