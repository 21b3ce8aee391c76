extension SimulatorWorld {
    /// The world in the state-file format, with every id written and plans' repositories as ids. The
    /// synchronization fields are written as configured, not as reported now.
    func snapshot() -> SimulatorStateFile {
        SimulatorStateFile(
            licences: .init(total: licenceTotal),
            users: users,
            organizations: organizations.map { organization in
                SimulatorStateFile.Organization(
                    id: organization.id, name: organization.name, driver: organization.driver,
                    apiUrl: organization.apiUrl, isReadOnly: organization.isReadOnly,
                    defaultWorkerId: organization.defaultWorkerId,
                    isCreatedByMarketplace: organization.isCreatedByMarketplace,
                    synchronizationInProgress: organization.synchronizationInProgress,
                    repositories: organization.repositories.map {
                        .init(id: $0.id, name: $0.name, isActive: $0.isActive, isRemoved: $0.isRemoved)
                    },
                    plans: organization.plans.map {
                        .init(
                            id: $0.id, name: $0.name, backupType: $0.backupType, includeMetadata: $0.includeMetadata,
                            includeAllRepositories: $0.includeAllRepositories, workerId: $0.workerId,
                            settings: $0.settings, repositoryIds: $0.attached, lastStatus: $0.lastStatus,
                            planFinishedTime: $0.planFinishedTime, isRunning: $0.isRunning,
                            // Left out for list mode, the default, so files without these fields stay as they were.
                            selection: $0.selection == .list ? nil : $0.selection,
                            rules: $0.selection == .rules ? $0.rules : nil)
                    },
                    synchronizationFinishesAfterSeconds: organization.synchronizationFinishesAfterSeconds)
            })
    }
}
