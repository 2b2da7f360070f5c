package dev.kolide.fleet.service.api.packs;

import dev.kolide.fleet.service.api.Viewer;

/** Saved queries scheduled in packs ({@code /schedule}). Everyone reads them; only admins change them. */
public interface ScheduleService {

    ScheduledQueryDetails schedule(Viewer viewer, ScheduleInput input);

    ScheduledQueryDetails get(Viewer viewer, long id);

    ScheduledQueryDetails modify(Viewer viewer, long id, ScheduleInput changes);

    void delete(Viewer viewer, long id);
}
