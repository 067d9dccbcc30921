// Each test starts the whole topology (seven processes, and the dashboard): one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
