/// Step 6 of parsing: the files' organizations, in file order, with `defaults` applied to every
/// plan: the plan's own fields win over the organization's `defaults`, which win over the file's
/// top-level `defaults`. Top-level `defaults` apply to the organizations of their own file only.
enum DefaultsResolver {
    static func resolve(_ documents: [RawDocument]) -> DesiredState {
        DesiredState(
            organizations: documents.flatMap { document in
                document.organizations.map { organization in
                    let organizationDefaults = (organization.defaults ?? RawPlanFields()).overriding(document.defaults)
                    return DesiredOrganization(
                        name: organization.name.value,
                        licenses: organization.licenses ?? .additive,
                        keepLicensed: organization.keepLicensed,
                        plans: organization.plans.map { plan in
                            let fields = plan.fields.overriding(organizationDefaults)
                            return DesiredPlan(
                                name: plan.name.value, backupType: fields.backupType,
                                includeMetadata: fields.includeMetadata,
                                includeAllRepositories: plan.includeAllRepositories, worker: fields.worker,
                                settings: fields.settings, repositories: plan.repositories,
                                membership: fields.membership ?? .exact, location: plan.name.location,
                                nameVariables: plan.name.variables)
                        },
                        location: organization.name.location, nameVariables: organization.name.variables)
                }
            })
    }
}
